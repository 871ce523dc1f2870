package io.happy3.cli;

import io.happy3.adapter.playbook.InvalidPlaybookException;
import io.happy3.adapter.playbook.YamlPlaybookLoader;
import io.happy3.adapter.sandbox.PlaybookChecker;
import java.util.List;
import java.util.Optional;

/** The sandbox's playbook check: the same loader as {@code happy3 playbook check}, its problems translated. */
final class SandboxPlaybookCheck {
    private SandboxPlaybookCheck() {
    }

    static PlaybookChecker.Checked check(String fileName, String yaml) {
        try {
            return new PlaybookChecker.Checked(Optional.of(new YamlPlaybookLoader().parse(fileName, yaml)), List.of());
        } catch (InvalidPlaybookException e) {
            return new PlaybookChecker.Checked(Optional.empty(), e.problems().stream()
                    .map(problem -> new PlaybookChecker.Problem(problem.line(), problem.column(), problem.message()))
                    .toList());
        }
    }
}
