package io.happy3.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path temp;

    @Test
    void read_envStyleFile_readsKeysCommentsAndQuotes() throws Exception {
        Path file = write("""
                # Happy3 settings
                HAPPY3_PORT=4000

                export HAPPY3_TIME_ZONE = Europe/Berlin
                SLACK_BOT_TOKEN="xoxb-1=2"
                HAPPY3_RITUAL_PROMPT='wed 10:00'
                """);

        assertThat(ConfigFile.read(file)).containsExactly(Map.entry("HAPPY3_PORT", "4000"),
                Map.entry("HAPPY3_TIME_ZONE", "Europe/Berlin"), Map.entry("SLACK_BOT_TOKEN", "xoxb-1=2"),
                Map.entry("HAPPY3_RITUAL_PROMPT", "wed 10:00"));
    }

    @Test
    void read_misspeltKey_failsWithLineAndSuggestion() throws Exception {
        Path file = write("HAPPY3_PORT=4000\nSLACK_SIGNING_SECRETT=abc\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(file + ":2: unknown key SLACK_SIGNING_SECRETT (did you mean SLACK_SIGNING_SECRET?)");
    }

    @Test
    void read_lineWithoutEquals_failsWithLine() throws Exception {
        Path file = write("HAPPY3_PORT 4000\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessage(file + ":1: expected KEY=value");
    }

    @Test
    void read_keySetTwice_fails() throws Exception {
        Path file = write("HAPPY3_PORT=1\nHAPPY3_PORT=2\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessage(file + ":2: HAPPY3_PORT is set twice");
    }

    @Test
    void read_missingFile_namesTheVariable() {
        assertThatThrownBy(() -> ConfigFile.read(temp.resolve("missing.env")))
                .hasMessageStartingWith("HAPPY3_CONFIG: cannot read config file");
    }

    @Test
    void merged_environmentAndFile_environmentWins() throws Exception {
        Path file = write("HAPPY3_PORT=4000\nHAPPY3_TIME_ZONE=Europe/Berlin\nHAPPY3_LOG_FORMAT=json\n");

        AppConfig config = AppConfig.fromEnv(ConfigFile.merged(
                Map.of("HAPPY3_PORT", "5000", "HAPPY3_LOG_FORMAT", " "), Optional.of(file)));

        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.timeZone().getId()).isEqualTo("Europe/Berlin");
        assertThat(config.logFormat()).isEqualTo("json");
    }

    @Test
    void location_configFlag_winsOverVariable() {
        Map<String, String> env = Map.of(AppConfig.CONFIG, "/etc/happy3.env");

        assertThat(ConfigFile.location(List.of("serve", "--config", "my.env"), env)).contains(Path.of("my.env"));
        assertThat(ConfigFile.location(List.of("serve", "--config=other.env"), env)).contains(Path.of("other.env"));
        assertThat(ConfigFile.location(List.of("serve"), env)).contains(Path.of("/etc/happy3.env"));
        assertThat(ConfigFile.location(List.of("serve"), Map.of())).isEmpty();
    }

    @Test
    void location_configFlagWithoutFile_fails() {
        assertThatThrownBy(() -> ConfigFile.location(List.of("serve", "--config"), Map.of()))
                .hasMessage("--config needs a file name");
    }

    private Path write(String text) throws Exception {
        return Files.writeString(temp.resolve("happy3.env"), text);
    }
}
