package io.happy3.domain.time;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long to wait after a failed attempt: {@code first} after the first failure, doubled after each further one,
 * never more than {@code max}. The one backoff arithmetic of every retry, durable (inbox entries, nudges) or
 * in-process (a platform call).
 */
public record Backoff(Duration first, Duration max) {
    public Backoff {
        requireNonNull(first, "first == null");
        requireNonNull(max, "max == null");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max: " + first + ", " + max);
        }
    }

    /** The wait after {@code failures} failed attempts (1 for the first failure). */
    public Duration after(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * The wait a platform asked for in a {@code Retry-After} header (whole seconds), at least one second;
     * {@code fallback} when the header is missing or not a number.
     */
    public static Duration retryAfter(String header, Duration fallback) {
        requireNonNull(fallback, "fallback == null");
        try {
            return header == null ? fallback : Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
