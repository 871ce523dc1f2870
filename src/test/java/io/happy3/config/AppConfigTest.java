package io.happy3.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppConfigTest {
    @TempDir
    Path temp;

    @Test
    void fromEnv_nothingSet_usesDocumentedDefaults() {
        AppConfig config = AppConfig.fromEnv(Map.of());

        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.dbUrl()).isEqualTo(AppConfig.DEFAULT_DB_URL);
        assertThat(config.ritualPrompt()).isEqualTo(new WeeklyTime(DayOfWeek.THURSDAY, LocalTime.of(15, 0)));
        assertThat(config.ritualDigest()).isEqualTo(new WeeklyTime(DayOfWeek.FRIDAY, LocalTime.of(15, 0)));
        assertThat(config.slack()).isEmpty();
        assertThat(config.teams()).isEmpty();
    }

    @Test
    void fromEnv_slackWithoutSigningSecret_namesTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.SLACK_BOT_TOKEN, "xoxb-1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("SLACK_SIGNING_SECRET is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql:", "jdbc:postgresql://", "jdbc:postgresql://db.example.com",
            "jdbc:postgresql://db:99999/happy3", "jdbc:postgresql:// db/happy3", "jdbc:h2:", "jdbc:h2:file:",
            "jdbc:mysql://db/happy3", "postgres://db/happy3"})
    void fromEnv_malformedDatabaseUrl_namesTheVariable(String url) {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.DB_URL, url)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("HAPPY3_DB_URL ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://db:5432/happy3", "jdbc:postgresql://db/happy3?sslmode=require",
            "jdbc:postgresql://a:5432,b:5433/happy3", "jdbc:postgresql:happy3", "jdbc:h2:mem:test",
            "jdbc:h2:file:./data/happy3;AUTO_SERVER=TRUE", "jdbc:h2:tcp://localhost:9092/happy3"})
    void fromEnv_wellFormedDatabaseUrl_isAccepted(String url) {
        assertThat(AppConfig.fromEnv(Map.of(AppConfig.DB_URL, url)).dbUrl()).isEqualTo(url);
    }

    @Test
    void fromEnv_malformedDatabaseUrlWithPassword_doesNotEchoThePassword() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.DB_URL, "jdbc:mysql://db/x?password=hunter2")))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void fromEnv_playbookFolderMissing_namesTheVariable() {
        Path missing = temp.resolve("nope");

        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.PLAYBOOKS, missing.toString())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("HAPPY3_PLAYBOOKS is not a folder: " + missing.toAbsolutePath() + " (does not exist)");
    }

    @Test
    void fromEnv_playbookFolderUnreadable_namesTheVariable() throws Exception {
        Path locked = Files.createDirectory(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            if (Files.isReadable(locked)) {
                return; // running as root: permissions are not enforced, nothing to observe
            }
            assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.PLAYBOOKS, locked.toString())))
                    .hasMessageStartingWith("HAPPY3_PLAYBOOKS is not readable");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void fromEnv_playbookFileInsteadOfFolder_namesTheVariable() throws Exception {
        Path file = Files.writeString(temp.resolve("one.yaml"), "id: x\n");

        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.PLAYBOOKS, file.toString())))
                .hasMessageStartingWith("HAPPY3_PLAYBOOKS is not a folder");
    }

    @Test
    void fromEnv_misspeltHappy3Variable_suggestsTheKnownOne() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("HAPPY3_TIMEZONE", "Europe/Berlin")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown variable HAPPY3_TIMEZONE (did you mean HAPPY3_TIME_ZONE?)");
    }

    /** What Kubernetes injects into every pod for a Service named {@code happy3} (and one named happy3-db). */
    static Map<String, String> kubernetesServiceLinks() {
        Map<String, String> env = new HashMap<>();
        env.put("HAPPY3_SERVICE_HOST", "10.96.0.17");
        env.put("HAPPY3_SERVICE_PORT", "80");
        env.put("HAPPY3_SERVICE_PORT_HTTP", "80");
        env.put("HAPPY3_PORT", "tcp://10.96.0.17:80");
        env.put("HAPPY3_PORT_80_TCP", "tcp://10.96.0.17:80");
        env.put("HAPPY3_PORT_80_TCP_PROTO", "tcp");
        env.put("HAPPY3_PORT_80_TCP_PORT", "80");
        env.put("HAPPY3_PORT_80_TCP_ADDR", "10.96.0.17");
        env.put("HAPPY3_DB_SERVICE_HOST", "10.96.0.18");
        env.put("HAPPY3_DB_PORT", "tcp://10.96.0.18:5432");
        env.put("HAPPY3_DB_PORT_5432_TCP_ADDR", "10.96.0.18");
        return env;
    }

    @Test
    void fromEnv_kubernetesServiceLinks_areIgnoredAndTheDefaultPortStays() {
        AppConfig config = AppConfig.fromEnv(kubernetesServiceLinks());

        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.describe()).doesNotContain("10.96.0.17");
    }

    @Test
    void fromEnv_kubernetesServiceLinksNextToTheConfiguredPort_keepTheConfiguredPort() {
        Map<String, String> env = kubernetesServiceLinks();
        env.put(AppConfig.PORT, "8080"); // a container's own env wins over the service link of the same name

        assertThat(AppConfig.fromEnv(env).port()).isEqualTo(8080);
    }

    @Test
    void fromEnv_typoThatLooksLikeNoServiceLink_isStillRefused() {
        Map<String, String> env = kubernetesServiceLinks();
        env.put("HAPPY3_PORTT", "3000");

        assertThatThrownBy(() -> AppConfig.fromEnv(env)).hasMessageStartingWith("unknown variable HAPPY3_PORTT");
    }

    @Test
    void fromEnv_managementPort_isReadAndMustDifferFromThePort() {
        assertThat(AppConfig.fromEnv(Map.of(AppConfig.MANAGEMENT_PORT, "9090")).managementPort()).hasValue(9090);
        assertThat(AppConfig.fromEnv(Map.of()).managementPort()).isEmpty();
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.MANAGEMENT_PORT, "3000")))
                .hasMessage("HAPPY3_MANAGEMENT_PORT must differ from HAPPY3_PORT (both 3000)");
    }

    @Test
    void fromEnv_unrelatedVariables_areIgnored() {
        assertThat(AppConfig.fromEnv(Map.of("PATH", "/bin", "SLACK_WEBHOOK", "x")).port()).isEqualTo(3000);
    }

    @Test
    void fromEnv_teamsUnauthenticatedOnAllInterfaces_isRefused() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.TEAMS_ALLOW_UNAUTHENTICATED, "true")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("HAPPY3_TEAMS_ALLOW_UNAUTHENTICATED=true is refused while HAPPY3_BIND is 0.0.0.0");
    }

    @Test
    void fromEnv_teamsUnauthenticatedOnLoopback_isAllowed() {
        AppConfig config = AppConfig.fromEnv(Map.of(AppConfig.TEAMS_ALLOW_UNAUTHENTICATED, "true",
                AppConfig.BIND, "127.0.0.1"));

        assertThat(config.teams()).hasValueSatisfying(teams -> assertThat(teams.allowUnauthenticated()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"thursday", "15:00", "thu 25:00", "xyz 15:00", "thu 3pm", "thu 15:00 extra"})
    void fromEnv_malformedRitualTime_namesTheVariable(String value) {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.RITUAL_PROMPT, value)))
                .hasMessageStartingWith("HAPPY3_RITUAL_PROMPT must be a day and a time like 'thu 15:00'");
    }

    @Test
    void fromEnv_ritualTimeWithFullDayName_isRead() {
        AppConfig config = AppConfig.fromEnv(Map.of(AppConfig.RITUAL_DIGEST, "Monday 9:30"));

        assertThat(config.ritualDigest()).isEqualTo(new WeeklyTime(DayOfWeek.MONDAY, LocalTime.of(9, 30)));
        assertThat(config.ritualDigest()).hasToString("mon 09:30");
    }

    @Test
    void describe_secretsSet_areMasked() {
        Map<String, String> env = new HashMap<>();
        env.put(AppConfig.SLACK_SIGNING_SECRET, "signing-s3cret");
        env.put(AppConfig.SLACK_BOT_TOKEN, "xoxb-t0ken");
        env.put(AppConfig.TEAMS_APP_ID, "app-id");
        env.put(AppConfig.TEAMS_APP_PASSWORD, "teams-pa55");
        env.put(AppConfig.DB_URL, "jdbc:postgresql://db:5432/happy3?user=happy3&password=url-pa55");
        env.put(AppConfig.DB_PASSWORD, "db-pa55");

        String described = AppConfig.fromEnv(env).describe();

        assertThat(described).doesNotContain("s3cret", "t0ken", "pa55")
                .contains("SLACK_SIGNING_SECRET=****\n", "SLACK_BOT_TOKEN=****\n", "HAPPY3_DB_PASSWORD=****\n",
                        "MICROSOFT_APP_PASSWORD=****\n", "MICROSOFT_APP_ID=app-id\n",
                        "HAPPY3_DB_URL=jdbc:postgresql://db:5432/happy3?user=happy3&password=****\n");
    }

    @Test
    void describe_defaults_printsOneKeyValueLinePerVariable() {
        String described = AppConfig.fromEnv(Map.of()).describe();

        assertThat(described.lines()).allMatch(line -> line.matches("[A-Z0-9_]+=.*"))
                .contains("HAPPY3_PORT=3000", "HAPPY3_RITUAL_PROMPT=thu 15:00", "HAPPY3_RITUAL_DIGEST=fri 15:00",
                        "HAPPY3_DB_PASSWORD=", "SLACK_BOT_TOKEN=");
    }

    @Test
    void describe_output_isReadableAsAConfigFile() throws Exception {
        AppConfig config = AppConfig.fromEnv(Map.of(AppConfig.PORT, "4000", AppConfig.TIME_ZONE, "Europe/Berlin"));
        Path file = Files.writeString(temp.resolve("happy3.env"), config.describe());

        assertThat(AppConfig.fromEnv(ConfigFile.read(file))).isEqualTo(config);
    }

    @Test
    void variables_listEveryNameConstant() {
        var constants = Arrays.stream(AppConfig.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> !field.getName().startsWith("DEFAULT_"))
                .map(AppConfigTest::value)
                .collect(Collectors.toSet());

        assertThat(AppConfig.VARIABLES).containsExactlyInAnyOrderElementsOf(constants);
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void secret_toString_neverShowsTheValue() {
        assertThat(new AppConfig.Secret("xoxb-123")).hasToString("****");
        assertThat(String.valueOf(AppConfig.fromEnv(Map.of(AppConfig.DB_PASSWORD, "pa55")))).doesNotContain("pa55");
    }

    @Test
    void fromEnv_noteRetention_unsetKeepsNotesAndANumberOfDaysIsRead() {
        assertThat(AppConfig.fromEnv(Map.of()).noteRetentionDays()).isEmpty();
        assertThat(AppConfig.fromEnv(Map.of(AppConfig.NOTE_RETENTION_DAYS, "365")).noteRetentionDays()).hasValue(365);
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.NOTE_RETENTION_DAYS, "a year")))
                .hasMessage("HAPPY3_NOTE_RETENTION_DAYS must be a number, got 'a year'");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.NOTE_RETENTION_DAYS, "0")))
                .hasMessageContaining("HAPPY3_NOTE_RETENTION_DAYS must be between 1 and 36500");
    }
}
