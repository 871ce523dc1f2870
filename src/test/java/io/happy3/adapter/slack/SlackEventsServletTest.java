package io.happy3.adapter.slack;

import io.happy3.testing.MutableClock;
import static io.happy3.adapter.slack.SlackHarness.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The acknowledgement path through the real server: signature, timestamps, size, parsing, the inbox. */
class SlackEventsServletTest {
    private SlackHarness slack;

    private SlackHarness start() throws IOException {
        slack = new SlackHarness();
        return slack;
    }

    @AfterEach
    void stop() {
        if (slack != null) {
            slack.close();
        }
    }

    private String now() {
        return Long.toString(slack.clock.instant().getEpochSecond());
    }

    @Test
    void verify_documentedSignatureVector_isValid() throws IOException {
        JsonNode vector = SlackHarness.JSON.readTree(SlackHarness.fixture("signature-vector.json"));
        Instant at = Instant.ofEpochSecond(vector.get("timestamp").asLong());
        SlackSignatureVerifier verifier = new SlackSignatureVerifier(vector.get("signing_secret").asText(),
                new MutableClock(at.plusSeconds(30)));
        byte[] body = vector.get("body").asText().getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.sign(vector.get("timestamp").asText(), body))
                .isEqualTo(vector.get("expected_signature").asText());
        assertThat(verifier.verify(vector.get("timestamp").asText(), vector.get("expected_signature").asText(), body))
                .isEqualTo(SlackSignatureVerifier.Result.VALID);
    }

    @Test
    void post_documentedSignatureVectorThroughTheServer_isAcknowledgedAndStored() throws IOException {
        JsonNode vector = SlackHarness.JSON.readTree(SlackHarness.fixture("signature-vector.json"));
        start().clock.advance(Duration.between(slack.clock.instant(),
                Instant.ofEpochSecond(vector.get("timestamp").asLong() + 10)));

        HttpResponse<String> response = slack.postRaw(vector.get("body").asText().getBytes(StandardCharsets.UTF_8),
                vector.get("timestamp").asText(), vector.get("expected_signature").asText());

        assertThat(response.statusCode()).isEqualTo(200);
        InboxEntry stored = slack.memoryInbox.entries().get(0);
        assertThat(stored.eventId()).isEqualTo("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
        assertThat(stored.tenant()).isEqualTo("T1DC2JH3J");
        assertThat(stored.kind()).isEqualTo("command:/webhook-collect");
    }

    @Test
    void post_tamperedBody_is401AndNothingStored() throws IOException {
        start();
        byte[] body = SlackHarness.fixture("message.channels.json").getBytes(StandardCharsets.UTF_8);
        String signature = new SlackSignatureVerifier(SECRET, slack.clock).sign(now(), body);
        byte[] tampered = SlackHarness.fixture("message.channels.json").replace("prospect", "prosper")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(slack.postRaw(tampered, now(), signature).statusCode()).isEqualTo(401);
        assertThat(slack.memoryInbox.entries()).isEmpty();
    }

    @Test
    void post_wrongSecret_is401() throws IOException {
        start();
        byte[] body = SlackHarness.fixture("message.channels.json").getBytes(StandardCharsets.UTF_8);

        assertThat(slack.post(body, now(), "not-the-secret").statusCode()).isEqualTo(401);
    }

    @Test
    void post_missingSignatureHeaders_is401() throws IOException {
        start();
        assertThat(slack.postRaw("{}".getBytes(StandardCharsets.UTF_8), now(), "").statusCode()).isEqualTo(401);
    }

    @Test
    void post_timestampMoreThanFiveMinutesOldOrAhead_is401() throws IOException {
        start();
        byte[] body = SlackHarness.fixture("message.channels.json").getBytes(StandardCharsets.UTF_8);
        long now = slack.clock.instant().getEpochSecond();

        assertThat(slack.post(body, Long.toString(now - 301), SECRET).statusCode()).isEqualTo(401);
        assertThat(slack.post(body, Long.toString(now + 301), SECRET).statusCode()).isEqualTo(401);
        assertThat(slack.post(body, Long.toString(now + 299), SECRET).statusCode()).isEqualTo(200);
    }

    @Test
    void post_nonAsciiBody_verifiesOverTheUtf8Bytes() throws IOException {
        start();
        String text = "Grüße aus Köln — 東京のエクスポートが失敗 ✅";
        HttpResponse<String> response = slack.post(SlackHarness.message("Ev0UTF8", "U0CUSTOMER",
                SlackHarness.ts(slack.clock.instant()), null, text));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(slack.memoryInbox.entries().get(0).payload().orElseThrow()).contains(text);
    }

    @Test
    void verify_withALatin1PlatformCharset_acceptsWhatBoltsVerifierRejects() throws Exception {
        String classpath = System.getProperty("java.class.path");
        Process process = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-Dfile.encoding=ISO-8859-1", "-cp", classpath, Latin1SignatureCheck.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(process.waitFor()).isZero();
        assertThat(output).isEqualTo("ISO-8859-1 VALID bolt=false");
    }

    @Test
    void post_bodyOverTheCap_is413() throws IOException {
        slack = new SlackHarness(null, 2048);
        byte[] big = SlackHarness.message("Ev0BIG", "U0CUSTOMER", "1.0", null, "x".repeat(4096))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(slack.post(big, now(), SECRET).statusCode()).isEqualTo(413);
        assertThat(slack.memoryInbox.entries()).isEmpty();
    }

    @Test
    void post_signedMalformedJson_is400() throws IOException {
        start();
        assertThat(slack.post("{\"type\":\"event_callback\",").statusCode()).isEqualTo(400);
        assertThat(slack.post("{\"type\":\"event_callback\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void post_urlVerification_answersTheChallenge() throws IOException {
        start();
        HttpResponse<String> response = slack.post(SlackHarness.fixture("url_verification.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        // Bolt answers with the challenge as plain text, one of the answers Slack documents.
        assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(slack.memoryInbox.entries()).isEmpty();
    }

    @Test
    void post_appRateLimitedNotice_isAcknowledgedAndNotStored() throws IOException {
        start();
        assertThat(slack.post(SlackHarness.fixture("app_rate_limited.json")).statusCode()).isEqualTo(200);
        assertThat(slack.memoryInbox.entries()).isEmpty();
    }

    @Test
    void post_inboxDown_is503SoSlackRetries() throws IOException {
        slack = new SlackHarness(new FailingInbox(), SlackModule.MAX_BODY_BYTES);

        assertThat(slack.post(SlackHarness.fixture("message.channels.json")).statusCode()).isEqualTo(503);
    }

    @Test
    void post_threadReply_isOrderedWithItsThreadRoot() throws IOException {
        start();
        slack.post(SlackHarness.message("Ev0ROOT", "U0CUSTOMER", "1795424400.000100", null, "help"));
        slack.post(SlackHarness.message("Ev0REPLY", "U0AGENT1", "1795424460.000200", "1795424400.000100", "on it"));

        assertThat(slack.memoryInbox.entries()).extracting(InboxEntry::orderingKey)
                .containsExactly("C123ABC456:1795424400.000100", "C123ABC456:1795424400.000100");
    }

    /** A store whose database is down. */
    private static final class FailingInbox implements InboxStore {
        @Override
        public boolean append(InboxEntry entry) {
            throw new IllegalStateException("database unavailable");
        }

        @Override
        public List<InboxEntry> claim(String owner, int limit, Instant now, Duration lease) {
            return List.of();
        }

        @Override
        public boolean markDone(InboxEntry claimed) {
            return false;
        }

        @Override
        public boolean markFailed(InboxEntry claimed, String error, Instant retryAt, boolean giveUp) {
            return false;
        }

        @Override
        public List<InboxEntry> renew(List<InboxEntry> claimed, Instant until) {
            return List.of();
        }

        @Override
        public long backlog() {
            return 0;
        }
    }
}
