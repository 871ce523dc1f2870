package io.happy3.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code HAPPY3_SANDBOX} and {@code HAPPY3_SANDBOX_BIND}: on by default only without a platform, loopback only. */
class SandboxConfigTest {
    private static final Map<String, String> SLACK = Map.of(AppConfig.SLACK_SIGNING_SECRET, "secret",
            AppConfig.SLACK_BOT_TOKEN, "xoxb-1");

    @Test
    void fromEnv_noPlatformConfigured_sandboxOnAndBoundToLoopback() {
        AppConfig config = AppConfig.fromEnv(Map.of());

        assertThat(config.sandbox()).contains(new AppConfig.Sandbox("127.0.0.1"));
        assertThat(config.describe()).contains("HAPPY3_SANDBOX=true\n", "HAPPY3_SANDBOX_BIND=127.0.0.1\n");
    }

    @Test
    void fromEnv_slackConfigured_sandboxOffUnlessAskedFor() {
        assertThat(AppConfig.fromEnv(SLACK).sandbox()).isEmpty();

        Map<String, String> asked = new java.util.HashMap<>(SLACK);
        asked.put(AppConfig.SANDBOX, "true");
        assertThat(AppConfig.fromEnv(asked).sandbox()).contains(new AppConfig.Sandbox("127.0.0.1"));
    }

    @Test
    void fromEnv_teamsConfigured_sandboxOff() {
        AppConfig config = AppConfig.fromEnv(Map.of(AppConfig.TEAMS_APP_ID, "app", AppConfig.TEAMS_APP_PASSWORD,
                "password"));

        assertThat(config.sandbox()).isEmpty();
    }

    @Test
    void fromEnv_sandboxFalse_isOff() {
        assertThat(AppConfig.fromEnv(Map.of(AppConfig.SANDBOX, "false")).sandbox()).isEqualTo(Optional.empty());
    }

    @Test
    void fromEnv_sandboxBindGiven_isUsed() {
        assertThat(AppConfig.fromEnv(Map.of(AppConfig.SANDBOX_BIND, "0.0.0.0")).sandbox())
                .contains(new AppConfig.Sandbox("0.0.0.0"));
    }

    @Test
    void fromEnv_sandboxNotABoolean_namesTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.SANDBOX, "maybe")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("HAPPY3_SANDBOX must be true or false, got 'maybe'");
    }

    @Test
    void fromEnv_sandboxBindNotAnAddress_namesTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(AppConfig.SANDBOX_BIND, "not an address!")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("HAPPY3_SANDBOX_BIND is not an address");
    }
}
