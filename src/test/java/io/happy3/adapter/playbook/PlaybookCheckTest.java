package io.happy3.adapter.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybookCheckTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void run_goodFiles_printsOkAndReturnsZero() {
        int status = run(Path.of("playbooks/default.yaml"), Path.of("src/test/resources/playbooks/design-example.yaml"));

        assertThat(status).isZero();
        assertThat(text(out)).isEqualTo("""
                ok: playbooks/default.yaml (5 steps)
                ok: src/test/resources/playbooks/design-example.yaml (3 steps)
                """);
        assertThat(text(err)).isEmpty();
    }

    @Test
    void run_brokenFile_printsEveryProblemOnStderrAndReturnsOne() {
        Path broken = Path.of("src/test/resources/playbooks/broken/unless-equals-when.yaml");

        int status = run(Path.of("playbooks/default.yaml"), broken);

        assertThat(status).isEqualTo(1);
        assertThat(text(out)).isEqualTo("ok: playbooks/default.yaml (5 steps)\n");
        assertThat(text(err)).isEqualTo(
                broken + ":5:13: unless: is the same event as when, so the step could never nudge\n");
    }

    @Test
    void run_folder_checksItsFilesAndDuplicateIds() {
        Path folder = Path.of("src/test/resources/playbooks/broken/duplicate-ids");

        int status = run(folder);

        assertThat(status).isEqualTo(1);
        assertThat(text(out)).isEqualTo("ok: " + folder.resolve("a.yaml") + " (0 steps)\n");
        assertThat(text(err)).startsWith(folder.resolve("b.yml") + ":2:5: id: duplicate playbook id 'shared'");
    }

    @Test
    void run_noFiles_printsUsageAndReturnsOne() {
        assertThat(run()).isEqualTo(1);
        assertThat(text(err)).contains("usage: happy3 playbook check FILE...");
    }

    private int run(Path... files) {
        return new PlaybookCheck().run(List.of(files), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
