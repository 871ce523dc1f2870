package io.happy3.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.config.AppConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The endpoint's answers: authentication, malformed bodies, and the SDK's locale kept from leaking. */
class TeamsServletTest {
    private static final AppConfig.Teams WITH_CREDENTIALS = new AppConfig.Teams(
            Optional.of("11111111-2222-3333-4444-555555555555"), Optional.of(new AppConfig.Secret("fake-password")),
            Optional.of("00000000-0000-0000-0000-0000000000tt"), false);

    @Test
    @Timeout(60)
    void post_withCredentialsAndNoAuthorization_answers401AndPersistsNothing() {
        try (TeamsTestBed bed = new TeamsTestBed(WITH_CREDENTIALS)) {
            HttpResponse<String> response = bed.post(bed.fixture("channel-message.json").toString(), Optional.empty());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("unauthorized");
            assertThat(bed.inbox.entries()).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void post_withForgedToken_answers401() {
        String header = base64("{\"alg\":\"RS256\",\"kid\":\"forged\",\"typ\":\"JWT\"}");
        String claims = base64("{\"iss\":\"https://api.botframework.com\",\"aud\":\"11111111-2222-3333-4444-"
                + "555555555555\",\"exp\":4102444800,\"nbf\":1700000000,\"serviceurl\":\"http://127.0.0.1/\"}");
        try (TeamsTestBed bed = new TeamsTestBed(WITH_CREDENTIALS)) {
            HttpResponse<String> response = bed.post(bed.fixture("channel-message.json").toString(),
                    Optional.of("Bearer " + header + "." + claims + "." + base64("not-a-signature")));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(bed.inbox.entries()).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void post_withATokenThatIsNoJwt_answers401NotAnInternalError() {
        try (TeamsTestBed bed = new TeamsTestBed(WITH_CREDENTIALS)) {
            HttpResponse<String> response = bed.post(bed.fixture("channel-message.json").toString(),
                    Optional.of("Bearer not.a.jwt"));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
            assertThat(bed.inbox.entries()).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void post_activityFromAnotherTenant_answers403AndPersistsNothing() {
        try (TeamsTestBed bed = new TeamsTestBed(WITH_CREDENTIALS)) {
            com.fasterxml.jackson.databind.node.ObjectNode activity = bed.fixture("channel-message.json");
            ((com.fasterxml.jackson.databind.node.ObjectNode) activity.get("conversation"))
                    .put("tenantId", "99999999-0000-0000-0000-000000000bad");
            activity.remove("channelData");

            HttpResponse<String> response = bed.post(activity.toString(), Optional.empty());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("{\"error\":\"tenant not allowed\"}");
            assertThat(bed.inbox.entries()).isEmpty();
        }
    }

    @Test
    void post_malformedActivities_answer400WithAShortJsonError() {
        try (TeamsTestBed bed = new TeamsTestBed()) {
            for (String body : java.util.List.of("{not json", "[]", "\"text\"", "{\"type\":\"message\"}",
                    "{\"type\":\"message\",\"from\":{\"id\":\"u\"}}", "{\"type\":\"message\",\"from\":null,"
                            + "\"conversation\":{\"id\":\"c\"}}", "[".repeat(5000))) {
                HttpResponse<String> response = bed.post(body, Optional.empty());

                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThat(response.body()).as(body).isEqualTo("{\"error\":\"malformed activity\"}");
            }
        }
    }

    @Test
    void post_malformedBody_answers400() {
        try (TeamsTestBed bed = new TeamsTestBed()) {
            assertThat(bed.post("{not json", Optional.empty()).statusCode()).isEqualTo(400);
            assertThat(bed.post("{\"text\":\"no type\"}", Optional.empty()).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void post_activityInGerman_leavesTheDefaultLocaleUnchanged() {
        Locale before = Locale.getDefault();
        Locale beforeFormat = Locale.getDefault(Locale.Category.FORMAT);
        try (TeamsTestBed bed = new TeamsTestBed()) {
            assertThat(bed.fixture("channel-message.json").path("locale").asText()).isEqualTo("de-DE");

            assertThat(bed.post("channel-message.json").statusCode()).isEqualTo(202);
            bed.drainInbox();

            assertThat(Locale.getDefault()).isEqualTo(before);
            assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(beforeFormat);
            assertThat(bed.inbox.entries()).hasSize(1);
        }
    }

    @Test
    void post_redeliveredActivity_isPersistedOnce() {
        try (TeamsTestBed bed = new TeamsTestBed()) {
            assertThat(bed.post("channel-message.json").statusCode()).isEqualTo(202);
            assertThat(bed.post("channel-message.json").statusCode()).isEqualTo(202);

            assertThat(bed.inbox.entries()).hasSize(1);
            assertThat(bed.inbox.entries().get(0).orderingKey())
                    .isEqualTo("19:support@thread.tacv2;1700000000101");
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
