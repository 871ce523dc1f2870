package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.time.ManualClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The sandbox's own time: it stands still until the person moves it ("+10 min", "+2 h", "+3 days", "next
 * Monday 9:00") or acts (each message or click takes a simulated minute). Slack and Teams never see it.
 * Thread-safe.
 */
public final class SandboxClock extends ManualClock {
    /** How much simulated time one message, reaction or button press takes. */
    public static final Duration ACTION = Duration.ofMinutes(1);

    public SandboxClock(Instant start) {
        super(requireNonNull(start, "start == null").truncatedTo(ChronoUnit.MILLIS));
    }

    /** Where a fresh sandbox starts: Monday 9:00 of the week containing {@code realNow}, in {@code zone}. */
    public static Instant startOfWeek(Instant realNow, ZoneId zone) {
        return realNow.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atTime(LocalTime.of(9, 0)).atZone(zone).toInstant();
    }

    /** The next Monday at 9:00 in {@code zone}, strictly after {@code from}. */
    public static Instant nextMondayMorning(Instant from, ZoneId zone) {
        ZonedDateTime local = from.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
                .atTime(LocalTime.of(9, 0)).atZone(zone);
        return candidate.toInstant().isAfter(from) ? candidate.toInstant()
                : local.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(LocalTime.of(9, 0))
                .atZone(zone).toInstant();
    }
}
