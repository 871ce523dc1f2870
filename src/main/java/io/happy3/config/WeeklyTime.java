package io.happy3.config;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** A weekly moment in the team's zone, written {@code thu 15:00}: when a weekly ritual runs. */
public record WeeklyTime(DayOfWeek day, LocalTime time) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT);
    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    public WeeklyTime {
        requireNonNull(day, "day == null");
        requireNonNull(time, "time == null");
    }

    /** Parses {@code thu 15:00} (or {@code thursday 15:00}); empty when the text is not of that shape. */
    public static Optional<WeeklyTime> parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        Optional<DayOfWeek> day = day(parts[0]);
        try {
            LocalTime time = LocalTime.parse(parts[1], CLOCK);
            return day.map(found -> new WeeklyTime(found, time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<DayOfWeek> day(String word) {
        if (word.length() < 3) {
            return Optional.empty();
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            if (name.equals(word) || name.substring(0, 3).equals(word)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    /** The same shape {@link #parse} reads, e.g. {@code thu 15:00}. */
    @Override
    public String toString() {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT) + " " + PRINTED.format(time);
    }
}
