package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

/** How one scheduler attempt at a due nudge ended, with a human-readable detail for the log. */
public record DeliveryOutcome(Kind kind, String detail) {
    /** The ways an attempt ends. */
    public enum Kind {
        SENT, SENT_LATE, CANCELLED, EXPIRED, DEFERRED, RETRY, FAILED;

        /** True when the nudge reached the agent (on time or late). */
        public boolean sent() {
            return this == SENT || this == SENT_LATE;
        }
    }

    public DeliveryOutcome {
        requireNonNull(kind, "kind == null");
        requireNonNull(detail, "detail == null");
    }

    public static DeliveryOutcome of(Kind kind, String detail) {
        return new DeliveryOutcome(kind, detail);
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail;
    }
}
