package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

import io.happy3.adapter.playbook.YamlNode.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one playbook file, so that all of them are reported together. Not thread-safe. */
final class Problems {
    private final String file;
    private final List<PlaybookProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = requireNonNull(file, "file == null");
    }

    String file() {
        return file;
    }

    void add(Position position, String message) {
        found.add(new PlaybookProblem(file, position.line(), position.column(), message));
    }

    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems in line and column order. */
    List<PlaybookProblem> list() {
        List<PlaybookProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(PlaybookProblem::line).thenComparingInt(PlaybookProblem::column));
        return List.copyOf(sorted);
    }
}
