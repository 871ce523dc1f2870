package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app manifest asks for exactly what the adapter uses. */
class SlackManifestTest {
    private static JsonNode manifest() throws IOException {
        return manifest("deploy/slack/manifest.yaml");
    }

    private static JsonNode manifest(String path) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of(path).toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void manifest_scopes_areExactlyTheOnesTheOAuthInstallRequests() throws IOException {
        assertThat(texts(manifest().at("/oauth_config/scopes/bot")))
                .containsExactlyInAnyOrder(SlackInstallFlow.SCOPES.split(","));
    }

    @Test
    void manifest_commandsEventsAndInteractivity_allPointAtTheEventsEndpoint() throws IOException {
        JsonNode manifest = manifest();
        assertThat(manifest.at("/features/slash_commands").findValuesAsText("command"))
                .containsExactly("/happy3", "/proud", "/review");
        assertThat(manifest.at("/features/slash_commands").findValuesAsText("url"))
                .allMatch(url -> url.endsWith("/slack/events"));
        assertThat(texts(manifest.at("/settings/event_subscriptions/bot_events"))).containsExactlyInAnyOrder(
                "message.channels", "message.groups", "message.im", "reaction_added", "app_mention", "app_home_opened",
                "app_uninstalled", "tokens_revoked");
        assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        assertThat(manifest.at("/settings/interactivity/request_url").asText()).endsWith("/slack/events");
        assertThat(manifest.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
        assertThat(manifest.at("/features/app_home/messages_tab_enabled").asBoolean()).isTrue();
        assertThat(manifest.at("/oauth_config/redirect_urls/0").asText()).endsWith("/slack/oauth_redirect");
    }

    @Test
    void socketModeManifest_isTheHttpOneWithoutAnyUrlAndWithSocketModeOn() throws IOException {
        JsonNode http = manifest();
        JsonNode socket = manifest("deploy/slack/manifest-socket-mode.yaml");

        assertThat(socket.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
        assertThat(socket.toString()).doesNotContain("https://");
        assertThat(texts(socket.at("/oauth_config/scopes/bot"))).isEqualTo(texts(http.at("/oauth_config/scopes/bot")));
        assertThat(texts(socket.at("/settings/event_subscriptions/bot_events")))
                .isEqualTo(texts(http.at("/settings/event_subscriptions/bot_events")));
        assertThat(socket.at("/features/slash_commands").findValuesAsText("command"))
                .isEqualTo(http.at("/features/slash_commands").findValuesAsText("command"));
        assertThat(socket.at("/features/shortcuts")).isEqualTo(http.at("/features/shortcuts"));
    }

    @Test
    void manifest_listsTheCustomerNoteShortcut_underTheIdItsListenerAnswers() throws IOException {
        JsonNode shortcuts = manifest().at("/features/shortcuts");

        assertThat(shortcuts).singleElement().satisfies(shortcut -> {
            assertThat(shortcut.path("type").asText()).isEqualTo("message");
            assertThat(shortcut.path("callback_id").asText()).isEqualTo(SlackCustomerForms.NOTE_SHORTCUT);
            assertThat(shortcut.path("name").asText()).isEqualTo("Add a customer note").hasSizeLessThanOrEqualTo(24);
            assertThat(shortcut.path("description").asText()).hasSizeLessThanOrEqualTo(150);
        });
    }
}
