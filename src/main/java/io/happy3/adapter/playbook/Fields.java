package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

import io.happy3.adapter.playbook.YamlNode.Entry;
import io.happy3.adapter.playbook.YamlNode.Mapping;
import io.happy3.adapter.playbook.YamlNode.Scalar;
import io.happy3.adapter.playbook.YamlNode.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, checked access to the keys of one YAML mapping. Every accessor reports what is wrong with
 * its key to {@link Problems} and answers empty, so reading goes on and finds the next problem too.
 */
final class Fields {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([smhd])");

    private final Mapping mapping;
    private final String where;
    private final Problems problems;

    /** Reads {@code mapping} ("the playbook", "step 'x'") and reports its keys outside {@code knownKeys}. */
    Fields(Mapping mapping, String where, List<String> knownKeys, Problems problems) {
        this.mapping = requireNonNull(mapping, "mapping == null");
        this.where = requireNonNull(where, "where == null");
        this.problems = requireNonNull(problems, "problems == null");
        for (Entry entry : mapping.entries().values()) {
            if (!knownKeys.contains(entry.key())) {
                String hint = Suggestions.closest(entry.key(), knownKeys)
                        .map(name -> "; did you mean '" + name + "'?")
                        .orElse(" in " + where + "; known keys: " + String.join(", ", knownKeys));
                problems.add(entry.keyPosition(), "unknown key '" + entry.key() + "'" + hint);
            }
        }
    }

    /** {@code node} as a mapping, or a problem saying what {@code what} should have been. */
    static Optional<Mapping> mapping(YamlNode node, String what, Problems problems) {
        if (node instanceof Mapping mapping) {
            return Optional.of(mapping);
        }
        if (node.invalid()) {
            return Optional.empty();
        }
        problems.add(node.position(), what + ": expected a mapping of keys to values, got " + node.kind());
        return Optional.empty();
    }

    Problems problems() {
        return problems;
    }

    Optional<Entry> entry(String key) {
        return Optional.ofNullable(mapping.entries().get(key));
    }

    /** Reports {@code key} as missing when it is absent. */
    void require(String key) {
        if (!mapping.entries().containsKey(key)) {
            problems.add(mapping.position(), where + " is missing the required key '" + key + "'");
        }
    }

    Optional<Scalar> scalar(String key) {
        return entry(key).flatMap(entry -> scalar(key, entry.value()));
    }

    /** A non-empty text value. */
    Optional<String> text(String key) {
        return scalar(key).map(Scalar::text);
    }

    Optional<Sequence> list(String key) {
        return entry(key).flatMap(entry -> {
            if (entry.value() instanceof Sequence sequence) {
                return Optional.of(sequence);
            }
            if (entry.value().invalid()) {
                return Optional.empty();
            }
            problems.add(entry.value().position(), key + ": expected a list like [a, b], got " + entry.value().kind());
            return Optional.empty();
        });
    }

    /** A list of non-empty text values; items that are not are reported and left out. */
    Optional<List<Scalar>> textList(String key) {
        return list(key).map(sequence -> {
            List<Scalar> items = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                scalar(key, item).ifPresent(items::add);
            }
            return items;
        });
    }

    Optional<Mapping> mapping(String key) {
        return entry(key).flatMap(entry -> mapping(entry.value(), key, problems));
    }

    /** A duration written {@code 30s}, {@code 10m}, {@code 2h} or {@code 3d}; zero only if {@code zeroAllowed}. */
    Optional<Duration> duration(String key, boolean zeroAllowed) {
        return scalar(key).flatMap(scalar -> duration(key, scalar, zeroAllowed));
    }

    /** {@code scalar}, the value of {@code key} or one item of its list, read as a duration. */
    Optional<Duration> duration(String key, Scalar scalar, boolean zeroAllowed) {
        Matcher matcher = DURATION.matcher(scalar.text());
        if (!matcher.matches()) {
            problems.add(scalar.position(), key + ": '" + scalar.text()
                    + "' is not a duration; write a number and a unit: 30s, 10m, 2h or 3d");
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount == 0 && !zeroAllowed) {
            problems.add(scalar.position(), key + ": must be longer than 0");
            return Optional.empty();
        }
        return Optional.of(switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    /** {@code true} or {@code false}. */
    Optional<Boolean> bool(String key) {
        return scalar(key).flatMap(scalar -> {
            if (scalar.text().equals("true") || scalar.text().equals("false")) {
                return Optional.of(Boolean.parseBoolean(scalar.text()));
            }
            problems.add(scalar.position(), key + ": expected true or false, got '" + scalar.text() + "'");
            return Optional.empty();
        });
    }

    /** A whole number from 1 to {@code max}. */
    Optional<Integer> positiveInt(String key, int max) {
        return scalar(key).flatMap(scalar -> {
            if (scalar.type() == Scalar.Type.NUMBER && scalar.text().matches("[0-9]{1,9}")) {
                int value = Integer.parseInt(scalar.text());
                if (value >= 1 && value <= max) {
                    return Optional.of(value);
                }
            }
            problems.add(scalar.position(), key + ": expected a whole number from 1 to " + max + ", got '"
                    + scalar.text() + "'");
            return Optional.empty();
        });
    }

    private Optional<Scalar> scalar(String key, YamlNode node) {
        if (node.invalid()) {
            return Optional.empty();
        }
        if (!(node instanceof Scalar scalar)) {
            problems.add(node.position(), key + ": expected a single value, got " + node.kind());
            return Optional.empty();
        }
        if (scalar.type() == Scalar.Type.NULL || scalar.text().isBlank()) {
            problems.add(scalar.position(), key + ": has no value; give one or remove the key");
            return Optional.empty();
        }
        return Optional.of(scalar);
    }
}
