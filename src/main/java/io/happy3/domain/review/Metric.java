package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One number of a scorecard, flattened for comparing and printing: a stable {@code key}
 * ({@code result.verified_resolution}), a label, its kind, its value (empty when n/a) and a short
 * detail such as {@code 2/3}. PERCENT values are shares between 0 and 1; DURATION values are seconds.
 */
public record Metric(String key, String label, Kind kind, OptionalDouble value, String detail) {
    /** How a metric's value reads. */
    public enum Kind {
        COUNT, PERCENT, DURATION
    }

    public Metric {
        requireNonNull(key, "key == null");
        requireNonNull(label, "label == null");
        requireNonNull(kind, "kind == null");
        requireNonNull(value, "value == null");
        requireNonNull(detail, "detail == null");
    }

    static Metric count(String key, String label, int count) {
        return new Metric(key, label, Kind.COUNT, OptionalDouble.of(count), "");
    }

    static Metric count(String key, String label, int count, String detail) {
        return new Metric(key, label, Kind.COUNT, OptionalDouble.of(count), detail);
    }

    static Metric rate(String key, String label, Rate rate) {
        return new Metric(key, label, Kind.PERCENT, rate.value(), rate.fraction());
    }

    static Metric duration(String key, String label, Optional<Duration> duration, String detail) {
        return new Metric(key, label, Kind.DURATION,
                duration.map(d -> OptionalDouble.of(d.getSeconds())).orElse(OptionalDouble.empty()), detail);
    }
}
