package io.happy3.domain.time;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * When a platform call that failed in-process is tried again at once: up to {@code maxAttempts} attempts in all,
 * waiting the platform's {@code Retry-After} or else the {@code backoff}. A platform asking for a wait longer than
 * {@code maxInlineWait} is left to the durable retry, so the caller gives up instead of holding its thread.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration maxInlineWait) {
    public RetryPolicy {
        requireNonNull(backoff, "backoff == null");
        requireNonNull(maxInlineWait, "maxInlineWait == null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
        }
    }

    /**
     * The wait before trying again after failed attempt number {@code attempt} (1 for the first), or empty when the
     * caller should give up: the attempts are used up, or the platform asks for a wait over the inline limit.
     */
    public Optional<Duration> waitAfter(int attempt, Optional<Duration> retryAfter) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            return retryAfter.filter(wait -> wait.compareTo(maxInlineWait) <= 0);
        }
        return Optional.of(backoff.after(attempt));
    }
}
