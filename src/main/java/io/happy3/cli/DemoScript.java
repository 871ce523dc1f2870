package io.happy3.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scripted week the demo replays ({@code src/main/resources/demo/week.yaml}): people, and per
 * conversation the messages, reactions, button presses and commands with their local times.
 */
public record DemoScript(String week, String zone, String tenant, Channel channel, Map<String, Person> people,
                         List<Conversation> conversations) {
    /** The followed channel. */
    public record Channel(String id, String name) {
    }

    /** Someone in the channel; agents and leads are marked. */
    public record Person(String name, boolean agent, boolean lead) {
    }

    /** One customer conversation. */
    public record Conversation(String title, List<Step> events) {
    }

    /**
     * One scripted thing: a message ({@code from}, {@code text}), a reaction ({@code from}, {@code react}),
     * a nudge button press ({@code press}, {@code by}, {@code step}, optional {@code value}), or a command
     * ({@code command}, {@code by}, {@code text}), or a lead curating the week's proud moments ({@code curate: accept}). {@code at} is "Mon 09:05" in the script's zone and week.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Step(String at, String from, String text, String react, String press, String by, String step,
                       String value, String command, String curate) {
    }

    public static DemoScript load(InputStream yaml) {
        try {
            return new ObjectMapper(new YAMLFactory())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(yaml, DemoScript.class);
        } catch (IOException e) {
            throw new IllegalStateException("the demo script is broken: " + e.getMessage(), e);
        }
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /** Monday 00:00 of the script's week, in its zone. */
    public Instant weekStart() {
        String[] parts = week.split("-W");
        LocalDate monday = LocalDate.of(Integer.parseInt(parts[0]), 6, 1)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(parts[1]))
                .with(DayOfWeek.MONDAY);
        return monday.atStartOfDay(zoneId()).toInstant();
    }

    /** The instant of a script time such as {@code "Thu 10:45"}. */
    public Instant instant(String at) {
        String[] parts = at.trim().split("\\s+");
        DayOfWeek day = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            case "sun" -> DayOfWeek.SUNDAY;
            default -> throw new IllegalStateException("bad day in demo time '" + at + "'");
        };
        LocalDate date = weekStart().atZone(zoneId()).toLocalDate().with(day);
        return date.atTime(LocalTime.parse(parts[1])).atZone(zoneId()).toInstant();
    }
}
