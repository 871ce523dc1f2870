package io.happy3.domain.signal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the time named in a promise ("tomorrow", "by Friday", "in 2 hours") against the moment and zone in
 * which it was said. A day without a time means the end of that working day, 17:00; a promise naming no time at
 * all is due one day after it was made. Stateless and thread-safe.
 */
final class DueTimes {
    static final LocalTime END_OF_DAY = LocalTime.of(17, 0);

    private static final String NUMBER = "(\\d+|a|an|one|two|three|four|five|six|seven|eight|ten|twelve|"
            + "twenty four|forty eight|a few|few|a couple of|a couple|couple of|several)";
    private static final Pattern RELATIVE = Pattern.compile(
            "\\b(?:in|within|next)(?: the next)?(?: about| around)?(?: \\d+(?: to| or)?(?= \\d))? " + NUMBER
                    + " (minute|min|hour|hr|day|business day|working day|week)s?\\b");
    private static final Pattern SHORTLY = Pattern.compile(
            "\\b(?:shortly|right away|in a (?:moment|bit|minute|few)|straight away|momentarily|asap)\\b");
    private static final Pattern DAY = Pattern.compile(
            "\\b(today|tonight|this (?:morning|afternoon|evening)|end of (?:the )?day|eod|close of business|"
                    + "tomorrow(?: (?:morning|afternoon|evening|night))?|next week|(?:the )?end of (?:the |this )?week|"
                    + "this week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Pattern CLOCK = Pattern.compile(
            "\\b(?:at|by|before|around|until) (\\d{1,2})(?:h(\\d{2}))? ?(am|pm)?\\b|\\b(\\d{1,2})(?:h(\\d{2}))? ?(am|pm)\\b");
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("ten", 10), Map.entry("twelve", 12), Map.entry("twenty four", 24),
            Map.entry("forty eight", 48), Map.entry("a few", 3), Map.entry("few", 3), Map.entry("a couple of", 2),
            Map.entry("a couple", 2), Map.entry("couple of", 2), Map.entry("several", 3));

    private DueTimes() {
    }

    /** The due time for a promise in {@code text} (normalised), or one day after {@code now} when none is named. */
    static ZonedDateTime resolve(String text, ZonedDateTime now) {
        return find(text, now).orElse(now.plusDays(1));
    }

    static Optional<ZonedDateTime> find(String text, ZonedDateTime now) {
        Matcher relative = RELATIVE.matcher(text);
        if (relative.find()) {
            return Optional.of(plus(now, amount(relative.group(1)), relative.group(2)));
        }
        Matcher day = DAY.matcher(text);
        Optional<LocalTime> clock = clock(text);
        if (day.find()) {
            return Optional.of(onDay(day.group(1), clock, now));
        }
        if (clock.isPresent()) {
            ZonedDateTime today = now.with(clock.get());
            return Optional.of(today.isAfter(now) ? today : today.plusDays(1));
        }
        if (SHORTLY.matcher(text).find()) {
            return Optional.of(now.plusHours(1));
        }
        return Optional.empty();
    }

    private static ZonedDateTime onDay(String phrase, Optional<LocalTime> clock, ZonedDateTime now) {
        ZonedDateTime today = now.truncatedTo(ChronoUnit.DAYS);
        return switch (phrase) {
            case "today", "end of day", "eod", "close of business", "this afternoon" ->
                    laterToday(now, clock.orElse(END_OF_DAY));
            case "this morning" -> laterToday(now, clock.orElse(LocalTime.NOON));
            case "tonight", "this evening" -> laterToday(now, clock.orElse(LocalTime.of(21, 0)));
            case "tomorrow", "tomorrow afternoon" -> today.plusDays(1).with(clock.orElse(END_OF_DAY));
            case "tomorrow morning" -> today.plusDays(1).with(clock.orElse(LocalTime.NOON));
            case "tomorrow evening", "tomorrow night" -> today.plusDays(1).with(clock.orElse(LocalTime.of(21, 0)));
            case "next week" -> today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(clock.orElse(END_OF_DAY));
            case "this week", "end of the week", "end of week", "end of this week", "the end of the week",
                    "the end of week", "the end of this week" -> weekday(DayOfWeek.FRIDAY, clock, now);
            default -> weekday(DayOfWeek.valueOf(phrase.toUpperCase(Locale.ROOT)), clock, now);
        };
    }

    /** The next time the weekday comes round: today if its time is still ahead, else a later week. */
    private static ZonedDateTime weekday(DayOfWeek dayOfWeek, Optional<LocalTime> clock, ZonedDateTime now) {
        ZonedDateTime candidate = now.truncatedTo(ChronoUnit.DAYS)
                .with(TemporalAdjusters.nextOrSame(dayOfWeek))
                .with(clock.orElse(END_OF_DAY));
        return candidate.isAfter(now) ? candidate : candidate.plusWeeks(1);
    }

    /** A time later today; when it has already passed, an hour from now, since the speaker meant "soon today". */
    private static ZonedDateTime laterToday(ZonedDateTime now, LocalTime time) {
        ZonedDateTime candidate = now.with(time);
        return candidate.isAfter(now) ? candidate : now.plusHours(1);
    }

    private static Optional<LocalTime> clock(String text) {
        Matcher matcher = CLOCK.matcher(text);
        while (matcher.find()) {
            boolean prefixed = matcher.group(1) != null;
            int hour = Integer.parseInt(prefixed ? matcher.group(1) : matcher.group(4));
            String minutes = prefixed ? matcher.group(2) : matcher.group(5);
            String meridiem = prefixed ? matcher.group(3) : matcher.group(6);
            if (prefixed && meridiem == null && minutes == null && hour < 7) {
                meridiem = "pm"; // "by 5" in a support chat means the afternoon
            }
            if (hour > 23 || (meridiem != null && hour > 12)) {
                continue;
            }
            if ("pm".equals(meridiem) && hour < 12) {
                hour += 12;
            } else if ("am".equals(meridiem) && hour == 12) {
                hour = 0;
            }
            return Optional.of(LocalTime.of(hour, minutes == null ? 0 : Integer.parseInt(minutes) % 60));
        }
        return Optional.empty();
    }

    private static int amount(String word) {
        Integer value = WORDS.get(word);
        return value != null ? value : Integer.parseInt(word);
    }

    private static ZonedDateTime plus(ZonedDateTime now, int amount, String unit) {
        return switch (unit) {
            case "minute", "min" -> now.plusMinutes(amount);
            case "hour", "hr" -> now.plusHours(amount);
            case "week" -> now.plusWeeks(amount);
            default -> now.plusDays(amount);
        };
    }
}
