package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ISO week (Monday 00:00 to the next Monday 00:00) in a team's time zone, the unit of every
 * review. DST-correct: a week with a clock change is 167 or 169 hours long. Immutable.
 */
public record ReviewPeriod(int year, int week, ZoneId zone) {
    private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{1,2})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    public ReviewPeriod {
        requireNonNull(zone, "zone == null");
        if (week < 1 || week > weeksIn(year)) {
            throw new IllegalArgumentException(year + " has no ISO week " + week + " (it has 1.." + weeksIn(year) + ")");
        }
    }

    /** The week named {@code text} ({@code 2026-W47}) in {@code zone}. */
    public static ReviewPeriod isoWeek(String text, ZoneId zone) {
        requireNonNull(text, "text == null");
        Matcher matcher = ISO_WEEK.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an ISO week like 2026-W47: " + text);
        }
        return new ReviewPeriod(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), zone);
    }

    /** The week that contains {@code at}, as seen in {@code zone}. */
    public static ReviewPeriod containing(Instant at, ZoneId zone) {
        requireNonNull(at, "at == null");
        requireNonNull(zone, "zone == null");
        return ofDate(LocalDate.ofInstant(at, zone), zone);
    }

    /** The week that contains the local date {@code date}. */
    public static ReviewPeriod ofDate(LocalDate date, ZoneId zone) {
        requireNonNull(date, "date == null");
        return new ReviewPeriod(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), zone);
    }

    private static int weeksIn(int year) {
        return LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    /** Monday 00:00 local time (or the first valid instant of that day, should midnight fall in a DST gap). */
    public Instant start() {
        return monday().atStartOfDay(zone).toInstant();
    }

    /** The next week's start; exclusive. */
    public Instant end() {
        return next().start();
    }

    public Duration length() {
        return Duration.between(start(), end());
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    public ReviewPeriod previous() {
        return ofDate(monday().minusWeeks(1), zone);
    }

    public ReviewPeriod next() {
        return ofDate(monday().plusWeeks(1), zone);
    }

    /** {@code count} weeks ending with this one, oldest first (for trend charts). */
    public List<ReviewPeriod> weeksEndingHere(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count < 1: " + count);
        }
        List<ReviewPeriod> weeks = new ArrayList<>();
        ReviewPeriod period = this;
        for (int i = 0; i < count; i++) {
            weeks.add(0, period);
            period = period.previous();
        }
        return List.copyOf(weeks);
    }

    /** The ISO name, {@code 2026-W47}. */
    public String label() {
        return String.format(Locale.ROOT, "%d-W%02d", year, week);
    }

    /** The label with its days, e.g. {@code 2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)}. */
    public String describe() {
        return label() + " (" + DAY.format(monday()) + " – " + DAY_YEAR.format(sunday()) + ")";
    }

    @Override
    public String toString() {
        return label() + "@" + zone.getId();
    }
}
