package io.happy3.adapter.playbook;

import io.happy3.adapter.playbook.YamlNode.Mapping;
import io.happy3.adapter.playbook.YamlNode.Scalar;
import io.happy3.domain.playbook.WorkingHours;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks a playbook's {@code working_hours} block. */
final class WorkingHoursReader {
    static final List<String> KEYS = List.of("days", "from", "to");
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private final Problems problems;

    WorkingHoursReader(Problems problems) {
        this.problems = problems;
    }

    Optional<WorkingHours> read(Mapping mapping) {
        int before = problems.count();
        Fields fields = new Fields(mapping, "working_hours", KEYS, problems);
        KEYS.forEach(fields::require);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Optional<List<Scalar>> dayList = fields.textList("days");
        for (Scalar day : dayList.orElse(List.of())) {
            int index = DAYS.indexOf(day.text());
            if (index < 0) {
                problems.add(day.position(), "days: unknown day '" + day.text() + "'"
                        + Suggestions.closest(day.text(), DAYS).map(name -> "; did you mean '" + name + "'?")
                                .orElse("; use " + String.join(", ", DAYS)));
            } else if (!days.add(DayOfWeek.of(index + 1))) {
                problems.add(day.position(), "days: '" + day.text() + "' is listed twice");
            }
        }
        if (dayList.isPresent() && dayList.get().isEmpty() && problems.count() == before) {
            problems.add(fields.entry("days").orElseThrow().value().position(),
                    "days: name at least one day, or remove working_hours to nudge at any time");
        }
        Optional<LocalTime> from = time(fields, "from");
        Optional<LocalTime> to = time(fields, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            problems.add(fields.entry("to").orElseThrow().value().position(), "to: " + to.get()
                    + " is not after from " + from.get() + "; a working window must end on the day it starts");
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new WorkingHours(days, from.orElseThrow(), to.orElseThrow()));
    }

    private Optional<LocalTime> time(Fields fields, String key) {
        return fields.scalar(key).flatMap(scalar -> {
            if (TIME.matcher(scalar.text()).matches()) {
                return Optional.of(LocalTime.parse(scalar.text()));
            }
            problems.add(scalar.position(), key + ": '" + scalar.text()
                    + "' is not a time; write it as \"HH:MM\" on a 24-hour clock, e.g. \"09:00\"");
            return Optional.empty();
        });
    }
}
