package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Adapters never import each other, and Slack SDK types stay inside this package. */
class SlackBoundaryTest {
    private static final Path MAIN = Path.of("src/main/java/io/happy3");

    private static List<String> importsIn(Path root, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).flatMap(file -> {
                try {
                    return Files.readAllLines(file).stream().filter(line -> line.startsWith("import " + prefix))
                            .map(line -> MAIN.relativize(file) + ": " + line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void slackAdapter_importsNoOtherAdapter() throws IOException {
        assertThat(importsIn(MAIN.resolve("adapter/slack"), "io.happy3.adapter."))
                .allMatch(line -> line.contains("import io.happy3.adapter.slack."));
    }

    @Test
    void slackSdkTypes_areUsedOnlyInTheSlackAdapter() throws IOException {
        assertThat(importsIn(MAIN, "com.slack.")).allMatch(line -> line.startsWith("adapter/slack/"));
    }
}
