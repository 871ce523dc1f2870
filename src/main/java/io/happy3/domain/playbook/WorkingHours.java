package io.happy3.domain.playbook;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The days and hours in which an agent may be nudged, read in the agent's own zone. A nudge due
 * outside them waits for the next window: quiet hours defer, they never drop a nudge.
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public WorkingHours {
        requireNonNull(days, "days == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("working_hours.days is empty");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("working_hours.from " + from + " is not before to " + to);
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** True when {@code instant} falls inside a working window in {@code zone}. */
    public boolean contains(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }

    /**
     * {@code due} itself when it is inside working hours, else the start of the next working window in
     * {@code zone}. DST-correct: a window start that falls in a gap moves forward with the clock.
     */
    public Instant nextWindow(Instant due, ZoneId zone) {
        if (contains(due, zone)) {
            return due;
        }
        ZonedDateTime local = due.atZone(zone);
        LocalDate date = local.toLocalDate();
        if (local.toLocalTime().isBefore(from) && days.contains(date.getDayOfWeek())) {
            return date.atTime(from).atZone(zone).toInstant();
        }
        for (int i = 1; i <= 7; i++) {
            LocalDate next = date.plusDays(i);
            if (days.contains(next.getDayOfWeek())) {
                return next.atTime(from).atZone(zone).toInstant();
            }
        }
        throw new IllegalStateException("no working day in " + days);
    }
}
