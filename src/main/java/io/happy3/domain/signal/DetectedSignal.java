package io.happy3.domain.signal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A signal found in one message, with the rule that matched (for example {@code builtin:fixed-claim}
 * or {@code playbook:default:"works now"}) so every decision the bot makes can be explained.
 * {@code due} is set for {@link Signal#PROMISE_MADE} when the promise names a time.
 */
public record DetectedSignal(Signal signal, String rule, Optional<Instant> due) {
    public DetectedSignal {
        requireNonNull(signal, "signal == null");
        requireNonNull(rule, "rule == null");
        requireNonNull(due, "due == null");
    }

    public static DetectedSignal of(Signal signal, String rule) {
        return new DetectedSignal(signal, rule, Optional.empty());
    }
}
