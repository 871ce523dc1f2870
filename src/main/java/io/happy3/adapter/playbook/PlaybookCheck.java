package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code happy3 playbook check FILE…}: validates playbook files (a folder stands for its YAML files)
 * and prints {@code ok: file (N steps)} per good file, or {@code file:line:column: message} per problem.
 */
public final class PlaybookCheck {
    private final YamlPlaybookLoader loader = new YamlPlaybookLoader();

    /** 0 when every file is a valid playbook and their ids are unique; 1 otherwise. */
    public int run(List<Path> files, PrintStream out, PrintStream err) {
        requireNonNull(files, "files == null");
        requireNonNull(out, "out == null");
        requireNonNull(err, "err == null");
        List<Path> expanded = new ArrayList<>();
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                List<Path> inFolder;
                try {
                    inFolder = PlaybookFolder.yamlFiles(file);
                } catch (UnableToReadPlaybookFolderException e) {
                    err.println(e.getMessage());
                    return 1;
                }
                if (inFolder.isEmpty()) {
                    err.println(file + ": no *.yaml or *.yml files in this folder");
                    return 1;
                }
                expanded.addAll(inFolder);
            } else {
                expanded.add(file);
            }
        }
        if (expanded.isEmpty()) {
            err.println("usage: happy3 playbook check FILE...");
            return 1;
        }
        boolean allGood = true;
        for (LoadResult result : PlaybookSet.checkAll(loader, expanded)) {
            if (result.good()) {
                int steps = result.playbook().orElseThrow().steps().size();
                out.println("ok: " + result.file() + " (" + steps + (steps == 1 ? " step)" : " steps)"));
            } else {
                allGood = false;
                result.problems().forEach(err::println);
            }
        }
        return allGood ? 0 : 1;
    }
}
