package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken client gets from {@code /slack/events}: a 4xx with a short JSON error (never a stack
 * trace or internals), nothing stored; signed but odd requests get a helpful answer. Through the real server.
 */
class SlackHostileInputTest {
    /** {@code {"error":"some_code"}} and nothing else. */
    private static final Pattern SHORT_ERROR = Pattern.compile("\\{\"error\":\"[a-z_ ]{3,40}\"}");

    private SlackHarness slack;

    @BeforeEach
    void start() throws Exception {
        slack = new SlackHarness();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private String now() {
        return Long.toString(slack.clock.instant().getEpochSecond());
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).matches(SHORT_ERROR);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
    }

    @Test
    void post_signedButOddBodies_are400WithAShortJsonErrorAndStoreNothing() {
        List<String> bodies = List.of(
                "{\"type\":\"event_callback\",",                       // malformed JSON
                "%zz=1&command=/happy3",                               // malformed form encoding
                "just some words",                                     // neither JSON nor a form
                "{\"hello\":[1,2,3],\"nested\":{\"a\":null}}",         // valid JSON of an unknown shape
                "[1,2,3]",                                             // JSON, but not an object
                "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}", // nested deeper than the parser allows
                "{\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}", // no event id
                "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"team_id\":\"T1\"}", // no event
                "{\"type\":\"event_callback\",\"event_id\":\"Ev2\",\"event\":\"message\"}"); // event not an object
        for (String body : bodies) {
            HttpResponse<String> response = slack.post(body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).matches(SHORT_ERROR).doesNotContain("Exception", "at io.");
        }
        assertThat(slack.memoryInbox.entries()).isEmpty();
    }

    @Test
    void post_unsignedOrBadlySigned_is401WithAShortJsonError() {
        byte[] body = SlackHarness.fixture("message.channels.json").getBytes(StandardCharsets.UTF_8);
        long now = slack.clock.instant().getEpochSecond();

        assertRefused(slack.postRaw(body, now(), ""), 401);
        assertRefused(slack.postRaw(body, now(), "v0=" + "ab".repeat(32)), 401);
        assertRefused(slack.postRaw(body, "not-a-number", "v0=" + "ab".repeat(32)), 401);
        assertRefused(slack.post(body, Long.toString(now - 600), SECRET), 401);
        assertRefused(slack.post(body, Long.toString(now + 600), SECRET), 401);
        assertThat(slack.memoryInbox.entries()).isEmpty();
    }

    @Test
    void post_replayedSignedRequest_isAcknowledgedButStoredOnce() {
        byte[] body = SlackHarness.fixture("message.channels.json").getBytes(StandardCharsets.UTF_8);
        String timestamp = now();
        String signature = new SlackSignatureVerifier(SECRET, slack.clock).sign(timestamp, body);

        for (int replay = 0; replay < 3; replay++) {
            assertThat(slack.postRaw(body, timestamp, signature).statusCode()).isEqualTo(200);
        }

        assertThat(slack.memoryInbox.entries()).hasSize(1);
    }

    @Test
    void post_largeJsonUnderTheCap_isAcceptedAndOverTheCapIs413() {
        String text = "ü".repeat(60_000);
        HttpResponse<String> large = slack.post(SlackHarness.message("Ev0LARGE", "U0CUSTOMER",
                SlackHarness.ts(slack.clock.instant()), null, text));
        assertThat(large.statusCode()).isEqualTo(200);

        try {
            HttpResponse<String> huge = slack.post(SlackHarness.message("Ev0HUGE", "U0CUSTOMER",
                    SlackHarness.ts(slack.clock.instant()), null, "x".repeat(2_000_000)));
            assertRefused(huge, 413);
        } catch (java.io.UncheckedIOException e) {
            // The server answered 413 and closed the connection while this client was still sending the body;
            // on a busy machine the client may see the reset before the answer. Either way it was refused.
            assertThat(e).hasStackTraceContaining("IOException");
        }
        assertThat(slack.memoryInbox.entries()).hasSize(1);
    }

    @Test
    void slashCommand_unknownCommand_answersWithTheHelp() {
        assertThat(slack.post(slack.slashCommand("555.1.unknown", "/weather", "94070")).statusCode()).isEqualTo(200);
        slack.drain();

        assertThat(slack.fake.calls("/commands/1234/5678").get(0).body()).contains("Unknown command /weather")
                .contains("/happy3 follow");
    }

    @Test
    void buttonPress_unknownNudge_answersThatItIsNoLongerKnown() {
        assertThat(slack.post(slack.blockAction("555.2.unknown", SlackHarness.AGENT, "customer_confirmed",
                "nudge-that-does-not-exist", false)).statusCode()).isEqualTo(200);
        slack.drain();

        assertThat(slack.fake.calls("/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209").get(0).body())
                .contains("no longer known");
    }
}
