package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Happy 3 scorecard of one week, built by {@link ReviewCompiler}: the team's numbers per
 * section, and per-agent detail kept apart in {@link #agents()} so callers show it only to leads
 * or to the agent themself ({@link #teamOnly()} drops it). {@code asOf} is the instant the numbers
 * describe: the week's end, or earlier for a week in progress. Every definition is in ReviewCompiler.
 */
public record Scorecard(ReviewPeriod period, Instant asOf, int issues, Interaction interaction, Result result,
                        After after, Consistency consistency, NudgeAnalytics nudges, List<AgentScore> agents) {
    public Scorecard {
        requireNonNull(period, "period == null");
        requireNonNull(asOf, "asOf == null");
        requireNonNull(interaction, "interaction == null");
        requireNonNull(result, "result == null");
        requireNonNull(after, "after == null");
        requireNonNull(consistency, "consistency == null");
        requireNonNull(nudges, "nudges == null");
        agents = List.copyOf(agents);
    }

    /** Happy with the interaction: how fast and how reliably customers got an answer. */
    public record Interaction(int issuesOpened, int firstResponses, Optional<Duration> medianFirstResponse,
                              int customerMessages, int leftWaiting) {
        public Interaction {
            requireNonNull(medianFirstResponse, "medianFirstResponse == null");
        }
    }

    /** Happy with the result: verified resolutions, attested ones apart, comebacks and stale closes. */
    public record Result(Rate verifiedResolution, int agentAttested, Rate reopenOrBounceBack, int reopened,
                         int bounceBacks, int closedStale) {
        public Result {
            requireNonNull(verifiedResolution, "verifiedResolution == null");
            requireNonNull(reopenOrBounceBack, "reopenOrBounceBack == null");
        }
    }

    /** Happy after the result: follow-ups (checks after a confirmation, and promises) done when due. */
    public record After(Rate followUps, Rate promisesKept, int regressionsCaught) {
        public After {
            requireNonNull(followUps, "followUps == null");
            requireNonNull(promisesKept, "promisesKept == null");
        }
    }

    /** Share of issues where every applicable playbook step happened, and how often each step happened. */
    public record Consistency(Rate allStepsHappened, List<StepRate> bySteps) {
        public Consistency {
            requireNonNull(allStepsHappened, "allStepsHappened == null");
            bySteps = List.copyOf(bySteps);
        }
    }

    /** For one playbook step: its applicable occurrences and how many of them happened. */
    public record StepRate(String stepId, Rate happened) {
        public StepRate {
            requireNonNull(stepId, "stepId == null");
            requireNonNull(happened, "happened == null");
        }
    }

    /** What the agents did with the nudges of one playbook step. */
    public record StepNudges(String playbookId, String stepId, int sent, int acted, int snoozed, int dismissed) {
        public StepNudges {
            requireNonNull(playbookId, "playbookId == null");
            requireNonNull(stepId, "stepId == null");
        }

        /** Acted on ÷ sent. */
        public Rate actedRate() {
            return new Rate(Math.min(acted, sent), sent);
        }
    }

    /**
     * Nudge analytics per step, the step whose nudges were least acted upon (if any was sent), and how many
     * nudges could never be delivered (they ended FAILED after their retries, or were refused for good).
     */
    public record NudgeAnalytics(List<StepNudges> steps, Optional<StepNudges> leastActed, int undelivered) {
        public NudgeAnalytics {
            steps = List.copyOf(steps);
            requireNonNull(leastActed, "leastActed == null");
        }

        public StepNudges total() {
            return new StepNudges("*", "all steps", steps.stream().mapToInt(StepNudges::sent).sum(),
                    steps.stream().mapToInt(StepNudges::acted).sum(), steps.stream().mapToInt(StepNudges::snoozed).sum(),
                    steps.stream().mapToInt(StepNudges::dismissed).sum());
        }
    }

    /** The per-agent detail of {@code agent}, if they had issues or nudges this week. */
    public Optional<AgentScore> agent(UserRef agent) {
        return agents.stream().filter(score -> score.agent().equals(agent)).findFirst();
    }

    /** This scorecard without per-agent detail, safe to show to the whole team. */
    public Scorecard teamOnly() {
        return new Scorecard(period, asOf, issues, interaction, result, after, consistency, nudges, List.of());
    }

    /** True when nothing happened: no issue was active and no nudge was sent. */
    public boolean isEmpty() {
        return issues == 0 && nudges.total().sent() == 0;
    }

    /** The team's numbers, flattened with stable keys (for deltas and printing). */
    public List<Metric> metrics() {
        return metricsOf(issues, interaction, result, after, consistency, nudges);
    }

    /** "1 issue", "2 issues". */
    static String counted(int count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }

    static List<Metric> metricsOf(int issues, Interaction interaction, Result result, After after,
                                  Consistency consistency, NudgeAnalytics nudges) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.count("issues", "Issues active", issues));
        metrics.add(Metric.count("interaction.issues_opened", "Issues opened", interaction.issuesOpened()));
        metrics.add(Metric.duration("interaction.median_first_response", "Median first response",
                interaction.medianFirstResponse(), "over " + counted(interaction.firstResponses(), "issue")));
        metrics.add(Metric.count("interaction.left_waiting", "Customer messages left waiting past target",
                interaction.leftWaiting(), "of " + counted(interaction.customerMessages(), "message")));
        metrics.add(Metric.rate("result.verified_resolution", "Verified-resolution rate", result.verifiedResolution()));
        metrics.add(Metric.count("result.agent_attested", "Agent-attested confirmations (not counted above)",
                result.agentAttested()));
        metrics.add(Metric.rate("result.reopen_rate", "Reopen and bounce-back rate", result.reopenOrBounceBack()));
        metrics.add(Metric.count("result.reopened", "Reopened", result.reopened()));
        metrics.add(Metric.count("result.bounce_backs", "Bounce-backs", result.bounceBacks()));
        metrics.add(Metric.count("result.closed_stale", "Closed stale, unverified", result.closedStale()));
        metrics.add(Metric.rate("after.follow_ups", "Follow-ups done when due", after.followUps()));
        metrics.add(Metric.rate("after.promises_kept", "Promises kept", after.promisesKept()));
        metrics.add(Metric.count("after.regressions_caught", "Regressions caught by follow-ups",
                after.regressionsCaught()));
        metrics.add(Metric.rate("consistency.all_steps", "Issues with every playbook step done",
                consistency.allStepsHappened()));
        for (StepRate step : consistency.bySteps()) {
            metrics.add(Metric.rate("consistency.step." + step.stepId(), "Step " + step.stepId(), step.happened()));
        }
        addNudgeMetrics(metrics, "nudges.total", nudges.total());
        metrics.add(Metric.count("nudges.undelivered", "Nudges that could not be delivered", nudges.undelivered()));
        for (StepNudges step : nudges.steps()) {
            addNudgeMetrics(metrics, "nudges.step." + step.playbookId() + "/" + step.stepId(), step);
        }
        return List.copyOf(metrics);
    }

    private static void addNudgeMetrics(List<Metric> metrics, String prefix, StepNudges step) {
        metrics.add(Metric.count(prefix + ".sent", "sent", step.sent()));
        metrics.add(Metric.count(prefix + ".acted", "acted", step.acted()));
        metrics.add(Metric.count(prefix + ".snoozed", "snoozed", step.snoozed()));
        metrics.add(Metric.count(prefix + ".dismissed", "dismissed", step.dismissed()));
    }
}
