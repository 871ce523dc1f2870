package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** How long an agent snoozes a nudge: a duration, until 9:00 tomorrow in their zone, or until the customer writes. */
public sealed interface SnoozeChoice {
    record For(Duration duration) implements SnoozeChoice {
        public For {
            requireNonNull(duration, "duration == null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("snooze duration must be positive: " + duration);
            }
        }
    }

    record TomorrowMorning() implements SnoozeChoice {
    }

    record UntilCustomerReplies() implements SnoozeChoice {
    }

    /** The choices offered on a nudge's snooze menu, as {@code value} strings. */
    String[] MENU = {"1h", "3h", "tomorrow", "customer"};

    /** Parses a menu value ({@code 1h}, {@code 30m}, {@code tomorrow}, {@code customer}). */
    static Optional<SnoozeChoice> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "tomorrow" -> Optional.of(new TomorrowMorning());
            case "customer", "reply", "until-reply" -> Optional.of(new UntilCustomerReplies());
            default -> Durations.parse(text).filter(d -> !d.isZero()).map(For::new);
        };
    }

    /** A short label for the menu and for replies. */
    static String label(String value) {
        return switch (value) {
            case "tomorrow" -> "until tomorrow 9:00";
            case "customer" -> "until the customer replies";
            default -> "for " + value;
        };
    }
}
