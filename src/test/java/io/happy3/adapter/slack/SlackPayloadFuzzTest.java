package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the Slack payload mapping: any body parses into a payload or is refused as malformed (the servlet's
 * 400), and a parsed payload maps into chat events without any other exception. Seeds: the documented
 * fixtures, in {@code SlackPayloadFuzzTestInputs/}. docs/reliability.md says how to run it longer.
 */
class SlackPayloadFuzzTest {
    private static SlackHarness slack;
    private static SlackInboxHandler handler;
    private static final List<ChatEvent> routed = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackHarness();
        handler = slack.module.inboxHandler(routed::add);
    }

    @AfterAll
    static void stop() {
        slack.close();
    }

    @FuzzTest(maxDuration = "5s")
    void parseAndMap_anyBody_isRefusedAsMalformedOrMapped(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        SlackPayload payload;
        try {
            payload = SlackPayload.parse(raw);
        } catch (SlackPayload.MalformedPayloadException refused) {
            assertThat(refused.getMessage()).doesNotContain("Exception");
            return;
        }
        assertThat(payload.teamId()).isNotNull();
        assertThat(payload.orderingKey()).isNotNull();
        assertThat(payload.kindLabel()).isNotNull();
        routed.clear();
        handler.handle(InboxEntry.received(Platform.SLACK, payload.eventId().orElse("Ev0"), SlackHarness.TEAM,
                payload.orderingKey(), payload.kindLabel(), raw, Instant.EPOCH));
        assertThat(routed).allSatisfy(event -> assertThat(event).isNotNull());
    }
}
