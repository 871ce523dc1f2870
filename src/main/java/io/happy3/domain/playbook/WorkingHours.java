package io.happy3.domain.playbook;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Mon–Fri: the days of hours written without days ({@code 9-17}). */
    public static final Set<DayOfWeek> WEEKDAYS = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    /**
     * Reads hours as a person writes them: {@code 9-17}, {@code mon-fri 8:30-16}, {@code mon,wed,fri 10-14:30},
     * {@code sat-sun 10-14}; without days, Monday to Friday. Throws {@link IllegalArgumentException} with a
     * message meant for the person who wrote it.
     */
    public static WorkingHours parse(String text) {
        String[] words = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length == 0 || words.length > 2 || words[0].isEmpty()) {
            throw new IllegalArgumentException("Write the days (optional) and the hours, e.g. `mon-fri 8:30-16`.");
        }
        Set<DayOfWeek> days = words.length == 2 ? WorkingDays.parse(words[0]) : WEEKDAYS;
        String[] times = words[words.length - 1].split("-", -1);
        if (times.length != 2) {
            throw new IllegalArgumentException("`" + words[words.length - 1] + "` is not a time range; write it "
                    + "like `9-17` or `8:30-16:00`.");
        }
        LocalTime from = time(times[0]);
        LocalTime to = time(times[1]);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The hours must end after they start (" + from + " to " + to
                    + "); a shift past midnight is not supported.");
        }
        return new WorkingHours(days, from, to);
    }

    private static LocalTime time(String text) {
        java.util.regex.Matcher time = java.util.regex.Pattern.compile("(\\d{1,2})(?::(\\d{2}))?").matcher(text);
        if (!time.matches()) {
            throw new IllegalArgumentException("`" + text + "` is not a time; write it like `9`, `17` or `8:30`.");
        }
        int hour = Integer.parseInt(time.group(1));
        int minute = time.group(2) == null ? 0 : Integer.parseInt(time.group(2));
        if (hour == 24 && minute == 0) {
            return LocalTime.MAX.withNano(0).withSecond(0);
        }
        if (hour > 23 || minute > 59) {
            throw new IllegalArgumentException("`" + text + "` is not a time of day (00:00 to 24:00).");
        }
        return LocalTime.of(hour, minute);
    }

    /** The hours as {@link #parse} reads them back: {@code mon,tue,wed,thu,fri 08:30-16:00}. */
    public String text() {
        return days.stream().sorted().map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                .toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")) + " " + from + "-" + to;
    }
}
