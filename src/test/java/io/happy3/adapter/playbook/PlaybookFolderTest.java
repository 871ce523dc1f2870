package io.happy3.adapter.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.testing.CapturedLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookFolderTest {
    @TempDir
    Path folder;

    @Test
    void open_folderWithYamlAndYml_loadsEveryPlaybookByFileName() throws IOException {
        write("b.yml", playbook("beta", "C0BETA", "Hello {customer}"));
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello {customer}"));
        write("notes.txt", "not a playbook");

        try (PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            assertThat(playbooks.all()).extracting(Playbook::id).containsExactly(new PlaybookId("alpha"), new PlaybookId("beta"));
            assertThat(playbooks.forChannel("C0BETA")).map(Playbook::id).contains(new PlaybookId("beta"));
            assertThat(playbooks.problems()).isEmpty();
        }
    }

    @Test
    void open_shippedPlaybooksFolder_loads() {
        try (PlaybookFolder playbooks = PlaybookFolder.open(Path.of("playbooks"))) {
            assertThat(playbooks.find(PlaybookId.DEFAULT)).isPresent();
        }
    }

    @Test
    void open_missingFolder_failsNamingTheFolder() {
        Path missing = folder.resolve("nowhere");

        assertThatThrownBy(() -> PlaybookFolder.open(missing))
                .isInstanceOf(UnableToReadPlaybookFolderException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void open_brokenFile_failsWithEveryProblem() throws IOException {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello {nobody}").replace("after: 10m", "after: soon"));

        InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class,
                () -> PlaybookFolder.open(folder));

        assertThat(thrown.problems()).extracting(PlaybookProblem::message)
                .anyMatch(message -> message.startsWith("after: 'soon'"))
                .anyMatch(message -> message.startsWith("nudge: unknown placeholder {nobody}"));
    }

    @Test
    void open_sameIdInTwoFiles_reportsTheSecondFileAtItsId() {
        Path fixtures = Path.of("src/test/resources/playbooks/broken/duplicate-ids");

        InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class,
                () -> PlaybookFolder.open(fixtures));

        assertThat(thrown.problems()).extracting(PlaybookProblem::toString).containsExactly(
                fixtures.resolve("b.yml") + ":2:5: id: duplicate playbook id 'shared', also used in "
                        + fixtures.resolve("a.yaml") + ":1:5");
    }

    @Test
    void reload_fileBreaks_keepsLastGoodVersionAndReportsProblems() throws IOException {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello {customer}"));
        try (PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            write("a.yaml", playbook("alpha", "C0ALPHA", "Hello {customr}"));

            List<PlaybookProblem> problems = playbooks.reload();

            assertThat(problems).extracting(PlaybookProblem::toString).containsExactly(
                    folder.resolve("a.yaml") + ":9:19: nudge: unknown placeholder {customr}; did you mean {customer}?");
            assertThat(playbooks.all()).singleElement()
                    .satisfies(playbook -> assertThat(playbook.steps().get(0).nudge()).isEqualTo("Hello {customer}"));
            assertThat(playbooks.problems()).isEqualTo(problems);
        }
    }

    @Test
    void reload_brokenFileFixed_picksUpTheFixedVersion() throws IOException {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello {customer}"));
        try (PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            write("a.yaml", "id: alpha\nsteps: [");
            assertThat(playbooks.reload()).isNotEmpty();

            write("a.yaml", playbook("alpha", "C0ALPHA", "Welcome back, {customer}"));

            assertThat(playbooks.reload()).isEmpty();
            assertThat(playbooks.all()).singleElement()
                    .satisfies(playbook -> assertThat(playbook.steps().get(0).nudge()).isEqualTo("Welcome back, {customer}"));
        }
    }

    @Test
    void reload_newFileTakesAnIdInUse_keepsTheOldFileAndReportsTheNewOne() throws IOException {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello"));
        try (PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            write("b.yaml", playbook("alpha", "C0OTHER", "Hi"));

            assertThat(playbooks.reload()).extracting(PlaybookProblem::message)
                    .containsExactly("id: duplicate playbook id 'alpha', also used in " + folder.resolve("a.yaml") + ":1:5");
            assertThat(playbooks.all()).extracting(Playbook::channels).containsExactly(List.of("C0ALPHA"));
        }
    }

    @Test
    void reload_channelFollowedTwice_reportsTheSecondPlaybook() throws IOException {
        write("a.yaml", playbook("alpha", "C0SHARED", "Hello"));
        write("b.yaml", playbook("beta", "C0SHARED", "Hi"));

        InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class,
                () -> PlaybookFolder.open(folder));

        assertThat(thrown.problems()).extracting(PlaybookProblem::toString).containsExactly(
                folder.resolve("b.yaml") + ":2:12: channels: 'C0SHARED' is already followed by playbook 'alpha' ("
                        + folder.resolve("a.yaml") + ":2:12)");
    }

    @Test
    void reload_fileDeleted_dropsItsPlaybook() throws IOException {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello"));
        write("b.yaml", playbook("beta", "C0BETA", "Hello"));
        try (PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            Files.delete(folder.resolve("b.yaml"));

            playbooks.reload();

            assertThat(playbooks.all()).extracting(Playbook::id).containsExactly(new PlaybookId("alpha"));
        }
    }

    @Test
    void start_fileChanges_pollerPicksItUp() throws Exception {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello"));
        try (PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            playbooks.start(Duration.ofMillis(20));
            write("b.yaml", playbook("beta", "C0BETA", "Hello"));

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (playbooks.all().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(playbooks.all()).extracting(Playbook::id).containsExactly(new PlaybookId("alpha"), new PlaybookId("beta"));
        }
    }

    @Test
    void start_twice_isRejected() throws IOException {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello"));
        try (PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            playbooks.start(Duration.ofSeconds(5));

            assertThatThrownBy(() -> playbooks.start(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void reload_nothingChanged_logsTheLoadedLineOnlyOncePerChange() throws IOException {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello {customer}"));
        try (CapturedLogs logs = new CapturedLogs(); PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            for (int i = 0; i < 5; i++) {
                playbooks.reload();
            }
            assertThat(loadedLines(logs)).hasSize(1);

            write("a.yaml", playbook("alpha", "C0ALPHA", "Hi {customer}"));
            playbooks.reload();
            playbooks.reload();

            assertThat(loadedLines(logs)).hasSize(2);
        }
    }

    @Test
    void reload_brokenFileUnchanged_warnsOnlyOnce() throws IOException {
        write("a.yaml", playbook("alpha", "C0ALPHA", "Hello {customer}"));
        try (CapturedLogs logs = new CapturedLogs(); PlaybookFolder playbooks = PlaybookFolder.open(folder)) {
            write("a.yaml", playbook("alpha", "C0ALPHA", "Hello {customr}"));
            for (int i = 0; i < 4; i++) {
                playbooks.reload();
            }

            assertThat(logs.lines()).filteredOn(line -> line.contains("keeping the last good version")).hasSize(1);
        }
    }

    private static List<String> loadedLines(CapturedLogs logs) {
        return logs.lines().stream().filter(line -> line.contains("loaded playbook 'alpha'")).toList();
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content);
    }

    private static String playbook(String id, String channel, String nudge) {
        return """
                id: %s
                channels: [%s]
                steps:
                  - id: first-response
                    when: issue_opened
                    unless: agent_replied
                    after: 10m
                    to: channel_agents
                    nudge: "%s"
                """.formatted(id, channel, nudge);
    }
}
