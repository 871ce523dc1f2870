package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import java.util.List;

/**
 * One agent's part of a week's scorecard: the same numbers as the team's, over the issues
 * attributed to the agent (the agent who last replied or acted on the issue by the scorecard's
 * {@code asOf}) and the nudges sent to them. Shown only to leads and to the agent themself.
 */
public record AgentScore(UserRef agent, int issues, Scorecard.Interaction interaction, Scorecard.Result result,
                         Scorecard.After after, Scorecard.Consistency consistency, Scorecard.NudgeAnalytics nudges) {
    public AgentScore {
        requireNonNull(agent, "agent == null");
        requireNonNull(interaction, "interaction == null");
        requireNonNull(result, "result == null");
        requireNonNull(after, "after == null");
        requireNonNull(consistency, "consistency == null");
        requireNonNull(nudges, "nudges == null");
    }

    /** This agent's numbers, flattened with the same keys as {@link Scorecard#metrics()}. */
    public List<Metric> metrics() {
        return Scorecard.metricsOf(issues, interaction, result, after, consistency, nudges);
    }
}
