package io.happy3.adapter.playbook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.happy3.adapter.playbook.YamlNode.Entry;
import io.happy3.adapter.playbook.YamlNode.Mapping;
import io.happy3.adapter.playbook.YamlNode.Position;
import io.happy3.adapter.playbook.YamlNode.Scalar;
import io.happy3.adapter.playbook.YamlNode.Sequence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads YAML text into a {@link YamlNode} tree with positions, reporting syntax errors and duplicate keys. */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTreeReader() {
    }

    /** The document's root, or empty when the text is empty or not valid YAML (then a problem says why). */
    static Optional<YamlNode> read(String text, Problems problems) {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                problems.add(Position.START, "the file is empty; a playbook needs at least 'id' and 'steps'");
                return Optional.empty();
            }
            YamlNode root = readValue(parser, problems);
            if (parser.nextToken() != null) {
                problems.add(position(parser.currentTokenLocation()),
                        "only one YAML document per file; move this one to a file of its own");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            syntaxError(e, problems);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
    }

    private static YamlNode readValue(YAMLParser parser, Problems problems) throws IOException {
        Position position = position(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (parser.isCurrentAlias()) {
            problems.add(position, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
            return new Scalar("", Scalar.Type.INVALID, position);
        }
        return switch (token) {
            case START_OBJECT -> readMapping(parser, problems, position);
            case START_ARRAY -> readSequence(parser, problems, position);
            case VALUE_STRING -> new Scalar(parser.getText(), Scalar.Type.STRING, position);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(parser.getText(), Scalar.Type.NUMBER, position);
            case VALUE_TRUE, VALUE_FALSE -> new Scalar(parser.getText(), Scalar.Type.BOOLEAN, position);
            case VALUE_NULL -> new Scalar("", Scalar.Type.NULL, position);
            default -> new Scalar(parser.getText(), Scalar.Type.STRING, position);
        };
    }

    private static Mapping readMapping(YAMLParser parser, Problems problems, Position position) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Position keyPosition = position(parser.currentTokenLocation());
            parser.nextToken();
            YamlNode value = readValue(parser, problems);
            Entry first = entries.get(key);
            if (first != null) {
                problems.add(keyPosition, "duplicate key '" + key + "' (first at line " + first.keyPosition().line()
                        + "); keep one");
            } else {
                entries.put(key, new Entry(key, keyPosition, value));
            }
        }
        return new Mapping(Collections.unmodifiableMap(entries), position);
    }

    private static Sequence readSequence(YAMLParser parser, Problems problems, Position position) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            items.add(readValue(parser, problems));
        }
        return new Sequence(items, position);
    }

    private static Position position(JsonLocation location) {
        if (location == null) {
            return Position.START;
        }
        return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    /**
     * Reports a syntax error where the broken construct starts (an unclosed quote, say) when SnakeYAML
     * knows it, else where parsing failed.
     */
    private static void syntaxError(JsonProcessingException e, Problems problems) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark problem = marked.getProblemMark();
                Mark context = marked.getContextMark();
                String problemText = Objects.requireNonNullElse(marked.getProblem(), "unreadable YAML");
                if (context == null || marked.getContext() == null) {
                    problems.add(position(problem), "YAML syntax error: " + problemText);
                } else {
                    problems.add(position(context), "YAML syntax error: " + marked.getContext() + ": " + problemText
                            + " (at line " + (problem.getLine() + 1) + ", column " + (problem.getColumn() + 1) + ")");
                }
                return;
            }
        }
        problems.add(position(e.getLocation()), "YAML syntax error: " + firstLine(e.getOriginalMessage()));
    }

    private static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable YAML" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
