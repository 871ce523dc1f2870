package io.happy3.domain.playbook;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the days of {@link WorkingHours} as people write them: {@code mon-fri}, {@code mon,wed,fri}, {@code fri-mon}. */
final class WorkingDays {
    private static final Map<String, DayOfWeek> NAMES = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    private WorkingDays() {
    }

    /** A comma-separated list of days and ranges; a range may wrap past Sunday. */
    static Set<DayOfWeek> parse(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("`" + part + "` is not a day range; write it like `mon-fri`.");
            }
            DayOfWeek first = day(range[0]);
            DayOfWeek last = day(range[range.length - 1]);
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        String key = text.length() >= 3 ? text.substring(0, 3).toLowerCase(Locale.ROOT) : text;
        DayOfWeek day = NAMES.get(key);
        if (day == null) {
            throw new IllegalArgumentException("`" + text + "` is not a day; use mon, tue, wed, thu, fri, sat, sun.");
        }
        return day;
    }
}
