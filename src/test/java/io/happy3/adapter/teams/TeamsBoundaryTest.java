package io.happy3.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The retired Bot Framework SDK stays inside this package, and this adapter imports no other adapter. */
class TeamsBoundaryTest {
    private static final Path MAIN = Path.of("src", "main", "java");

    @Test
    void sources_outsideTheTeamsAdapter_neverImportTheBotFrameworkSdk() {
        List<Path> offenders = sources().filter(file -> !file.startsWith(MAIN.resolve("io/happy3/adapter/teams")))
                .filter(file -> read(file).contains("import com.microsoft.bot.")).toList();

        assertThat(offenders).isEmpty();
    }

    @Test
    void teamsAdapter_importsNoOtherAdapter() {
        List<Path> offenders = sources().filter(file -> file.startsWith(MAIN.resolve("io/happy3/adapter/teams")))
                .filter(file -> read(file).lines().anyMatch(line -> line.startsWith("import io.happy3.adapter.")
                        && !line.startsWith("import io.happy3.adapter.teams."))).toList();

        assertThat(offenders).isEmpty();
    }

    private static Stream<Path> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
