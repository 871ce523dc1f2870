package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A metric of this week next to the same metric of the week before. The {@link #delta()} is empty
 * when either week has no value (n/a) or the metric did not exist last week.
 */
public record MetricChange(Metric current, Optional<Metric> previous) {
    public MetricChange {
        requireNonNull(current, "current == null");
        requireNonNull(previous, "previous == null");
    }

    /** This week's value minus last week's (percentage points for PERCENT as a share, seconds for DURATION). */
    public OptionalDouble delta() {
        if (current.value().isEmpty() || previous.isEmpty() || previous.get().value().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(current.value().getAsDouble() - previous.get().value().getAsDouble());
    }
}
