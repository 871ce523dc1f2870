package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A week's scorecard next to the previous week's, metric by metric. Build it with
 * {@link ReviewCompiler#compileWithPrevious} or from two scorecards compiled separately.
 */
public record ScorecardComparison(Scorecard current, Scorecard previous) {
    public ScorecardComparison {
        requireNonNull(current, "current == null");
        requireNonNull(previous, "previous == null");
    }

    /** Every team metric of this week with last week's value. */
    public List<MetricChange> changes() {
        return pair(current.metrics(), previous.metrics());
    }

    /** The change of the team metric {@code key} ({@code result.verified_resolution}, ...). */
    public Optional<MetricChange> change(String key) {
        return changes().stream().filter(change -> change.current().key().equals(key)).findFirst();
    }

    /** Every metric of {@code agent} this week with their value last week; empty if they had nothing this week. */
    public List<MetricChange> agentChanges(UserRef agent) {
        return current.agent(agent)
                .map(score -> pair(score.metrics(), previous.agent(agent).map(AgentScore::metrics).orElse(List.of())))
                .orElse(List.of());
    }

    /** The same comparison without per-agent detail. */
    public ScorecardComparison teamOnly() {
        return new ScorecardComparison(current.teamOnly(), previous.teamOnly());
    }

    private static List<MetricChange> pair(List<Metric> now, List<Metric> before) {
        Map<String, Metric> byKey = before.stream().collect(Collectors.toMap(Metric::key, Function.identity()));
        return now.stream().map(metric -> new MetricChange(metric, Optional.ofNullable(byKey.get(metric.key()))))
                .toList();
    }
}
