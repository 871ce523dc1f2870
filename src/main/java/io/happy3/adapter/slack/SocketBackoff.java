package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long Socket Mode waits before its {@code attempt}-th reconnect in a row: exponential with jitter, so a
 * Slack outage that drops every replica's socket at once is not answered by all of them in the same second.
 * Stateless.
 */
@FunctionalInterface
interface SocketBackoff {
    /** The pause before reconnect attempt {@code attempt} (1 for the first after a drop). */
    Duration pause(int attempt);

    /** 1 s, 2 s, 4 s, … up to a minute, each drawn from the upper half of its step. */
    static SocketBackoff standard() {
        return exponential(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * "Equal jitter": the step is {@code first · 2^(attempt-1)}, capped at {@code max}, and the pause a random
     * point in its upper half ({@code random} in [0, 1)), so it never shrinks to nothing yet never lines up.
     */
    static SocketBackoff exponential(Duration first, Duration max, DoubleSupplier random) {
        requireNonNull(first, "first == null");
        requireNonNull(max, "max == null");
        requireNonNull(random, "random == null");
        return attempt -> {
            long step = first.toMillis() << Math.min(Math.max(attempt, 1) - 1, 30);
            long ceiling = Math.min(step <= 0 ? max.toMillis() : step, max.toMillis());
            return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
        };
    }
}
