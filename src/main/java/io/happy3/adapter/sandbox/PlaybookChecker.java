package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.playbook.Playbook;
import java.util.List;
import java.util.Optional;

/**
 * Checks a playbook written in the page exactly as {@code happy3 playbook check} would: the composition root
 * passes the real loader in, so the sandbox needs no playbook parser of its own.
 */
@FunctionalInterface
public interface PlaybookChecker {
    /** Parses {@code yaml} (named {@code fileName} in problems): the playbook, or every problem found. */
    Checked check(String fileName, String yaml);

    /** One problem at a line and column (1-based). */
    record Problem(int line, int column, String message) {
        public Problem {
            requireNonNull(message, "message == null");
        }
    }

    /** The result: a playbook when there are no problems. */
    record Checked(Optional<Playbook> playbook, List<Problem> problems) {
        public Checked {
            requireNonNull(playbook, "playbook == null");
            problems = List.copyOf(problems);
        }
    }
}
