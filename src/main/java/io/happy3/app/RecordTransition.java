package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.issue.Transition;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.review.ProudMomentStore;
import io.happy3.domain.review.ProudNominator;
import java.util.Optional;

/**
 * Use case: records what an issue transition changed, whoever caused it (a message, a reaction, a button,
 * the stale sweep): saves the issue, hands the new events to {@link PlanNudges} when the channel is still
 * followed, and records the proud moments the transition earns. Callers run it as the issue's only writer
 * ({@link IssueWriteLocks}).
 */
public final class RecordTransition {
    private final IssueStore issues;
    private final PlanNudges plan;
    private final ProudMomentStore proudMoments;
    private final ChatGateway gateway;

    public RecordTransition(IssueStore issues, PlanNudges plan, ProudMomentStore proudMoments, ChatGateway gateway) {
        this.issues = requireNonNull(issues, "issues == null");
        this.plan = requireNonNull(plan, "plan == null");
        this.proudMoments = requireNonNull(proudMoments, "proudMoments == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
    }

    /** Saves the transition; plans its nudges in {@code followed} when present; records nominations. */
    public Transition record(Transition transition, Optional<ChannelContext> followed) {
        Issue issue = transition.issue();
        issues.save(issue);
        followed.ifPresent(context -> plan.afterTransition(transition, context));
        // The platform is asked for the thread's link only when a nomination carries it: most transitions earn
        // none, and on Slack each link is a rate-limited Web API call on the processing path.
        if (!ProudNominator.nominate(transition, Optional.empty()).isEmpty()) {
            ProudNominator.nominate(transition, gateway.permalink(issue.root())).forEach(proudMoments::add);
        }
        return transition;
    }
}
