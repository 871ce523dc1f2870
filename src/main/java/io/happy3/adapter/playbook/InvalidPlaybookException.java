package io.happy3.adapter.playbook;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when one or more playbook files are broken; carries every problem found, not just the first. */
public final class InvalidPlaybookException extends RuntimeException {
    private final List<PlaybookProblem> problems;

    public InvalidPlaybookException(List<PlaybookProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
    }

    /** The problems in file, line and column order. */
    public List<PlaybookProblem> problems() {
        return problems;
    }

    private static String message(List<PlaybookProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "invalid playbook, " + count + ":\n" + problems.stream()
                .map(PlaybookProblem::toString)
                .collect(Collectors.joining("\n"));
    }
}
