package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

import io.happy3.adapter.playbook.YamlNode.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The raw text of a playbook file, to point at a spot inside a value (a placeholder in a folded
 * nudge text) rather than only at the value's start.
 */
final class SourceText {
    private final String text;
    private final List<Integer> lineStarts = new ArrayList<>();

    SourceText(String text) {
        this.text = requireNonNull(text, "text == null");
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
    }

    /** Where {@code needle} first occurs at or after {@code from}, if it does. */
    Optional<Position> find(String needle, Position from) {
        int start = offsetOf(from);
        int found = start < 0 ? -1 : text.indexOf(needle, start);
        return found < 0 ? Optional.empty() : Optional.of(positionOf(found));
    }

    private int offsetOf(Position position) {
        if (position.line() > lineStarts.size()) {
            return -1;
        }
        int lineStart = lineStarts.get(position.line() - 1);
        try {
            return text.offsetByCodePoints(lineStart, position.column() - 1);
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }

    private Position positionOf(int offset) {
        int line = lineStarts.size() - 1;
        while (lineStarts.get(line) > offset) {
            line--;
        }
        int lineStart = lineStarts.get(line);
        return new Position(line + 1, text.codePointCount(lineStart, offset) + 1);
    }
}
