package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a playbook file, at a 1-based line and column. Its {@code toString()} is the
 * {@code file:line:column: message} form that editors and CI logs turn into links.
 */
public record PlaybookProblem(String file, int line, int column, String message) {
    public PlaybookProblem {
        requireNonNull(file, "file == null");
        requireNonNull(message, "message == null");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
