package io.happy3.domain.signal;

import java.util.Locale;
import java.util.Optional;

/**
 * What a message says about an issue, in the words of DESIGN.md. Two are agent signals
 * ({@link #RESOLUTION_PROPOSED}, {@link #PROMISE_MADE}); the others are customer signals.
 */
public enum Signal {
    RESOLUTION_PROPOSED(true),
    CUSTOMER_CONFIRMED(false),
    STILL_BROKEN(false),
    PROMISE_MADE(true),
    GRATITUDE(false);

    private final boolean agentSignal;

    Signal(boolean agentSignal) {
        this.agentSignal = agentSignal;
    }

    /** True when only agent messages can carry this signal; false when only customer messages can. */
    public boolean agentSignal() {
        return agentSignal;
    }

    /** The name used in playbooks and in {@code happy3 signals} output, e.g. {@code customer_confirmed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Signal> fromWireName(String name) {
        for (Signal signal : values()) {
            if (signal.wireName().equals(name)) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }
}
