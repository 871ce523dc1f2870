package io.happy3.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bench's settings, from {@code key=value} arguments (bench/README.md lists them); every duration
 * can be shortened for a quick run.
 */
final class Settings {
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("targets", "bolt,h2,postgres");
        DEFAULTS.put("connections", "32");
        DEFAULTS.put("warmup", "45");
        DEFAULTS.put("saturation", "15");
        DEFAULTS.put("fixed", "15");
        DEFAULTS.put("rates", "100,500,1000");
        DEFAULTS.put("drain", "60");
        DEFAULTS.put("pg", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        DEFAULTS.put("out", "BENCHMARKS.md");
        DEFAULTS.put("root", ".");
        DEFAULTS.putAll(SchedulerBench.defaults());
        DEFAULTS.putAll(StartBench.defaults());
        DEFAULTS.putAll(ReviewBench.defaults());
        DEFAULTS.putAll(SustainedBench.defaults());
    }

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    static Settings parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            String key = arg.substring(0, equals);
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; known: " + DEFAULTS.keySet());
            }
            values.put(key, arg.substring(equals + 1));
        }
        return new Settings(values);
    }

    String get(String key) {
        return values.get(key);
    }

    int integer(String key) {
        return Integer.parseInt(get(key));
    }

    Duration seconds(String key) {
        return Duration.ofMillis((long) (Double.parseDouble(get(key)) * 1000));
    }

    List<Integer> rates() {
        return rates("rates");
    }

    /** A comma-separated list of rates. */
    List<Integer> rates(String key) {
        return Arrays.stream(get(key).split(",")).filter(s -> !s.isBlank()).map(String::strip)
                .map(Integer::parseInt).toList();
    }

    Set<String> targets() {
        return Set.copyOf(Arrays.stream(get("targets").split(",")).map(String::strip).toList());
    }

    Path root() {
        return Path.of(get("root")).toAbsolutePath().normalize();
    }

    /** The settings that differ from the defaults, as {@code key=value} (for the report). */
    String changed() {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> {
            if (!value.equals(DEFAULTS.get(key)) && !key.equals("root")) {
                out.append(out.length() == 0 ? "" : " ").append(key).append('=').append(value);
            }
        });
        return out.toString();
    }
}
