package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it starts in its file, so every problem can name a line and
 * column (Jackson's own tree forgets locations).
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {
    Position position();

    /** True for a value already reported as broken (an alias). */
    default boolean invalid() {
        return this instanceof Scalar scalar && scalar.type() == Scalar.Type.INVALID;
    }

    /** What this node is, in words, for "expected a list, got a string". */
    String kind();

    /** A 1-based line and column (in code points, as the YAML parser counts them). */
    record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    /** A plain or quoted value; {@code text} is empty for a YAML null. */
    record Scalar(String text, Type type, Position position) implements YamlNode {
        /** INVALID stands in for a value already reported as broken, so it is not reported twice. */
        enum Type { STRING, NUMBER, BOOLEAN, NULL, INVALID }

        public Scalar {
            requireNonNull(text, "text == null");
            requireNonNull(type, "type == null");
            requireNonNull(position, "position == null");
        }

        @Override
        public String kind() {
            return switch (type) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "no value";
                case INVALID -> "an invalid value";
            };
        }
    }

    record Sequence(List<YamlNode> items, Position position) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
            requireNonNull(position, "position == null");
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping in file order; duplicate keys were reported while reading and the first one kept. */
    record Mapping(Map<String, Entry> entries, Position position) implements YamlNode {
        public Mapping {
            requireNonNull(entries, "entries == null");
            requireNonNull(position, "position == null");
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Entry(String key, Position keyPosition, YamlNode value) {
    }
}
