package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.adapter.memory.ForwardingInboxStore;
import io.happy3.adapter.memory.InMemoryInboxStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.config.AppConfig;
import io.happy3.domain.inbox.InboxEntry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode against a local fake: the fake Web API's {@code apps.connections.open} hands out the fake
 * Socket Mode server's {@code ws://127.0.0.1:…} URL; the fake sends event, slash command and interactive
 * envelopes and checks each ack; the stored entries run through the same inbox handler as over HTTP.
 */
class SlackSocketModeTest {
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);

    private final AtomicBoolean inboxDown = new AtomicBoolean();
    private final List<Duration> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Jitter draws that differ, so equal pauses would show the jitter is gone. */
    private final Jitter jitter = new Jitter(new double[] {0.9, 0.1, 0.6, 0.3});
    private final InMemoryInboxStore stored = new InMemoryInboxStore();
    private FakeSocketModeServer socket;
    private SlackHarness slack;
    private AutoCloseable connection;

    @BeforeEach
    void start() throws Exception {
        socket = new FakeSocketModeServer();
        slack = new SlackHarness(new SwitchableInbox(stored, inboxDown), new InMemoryIssueStore(),
                new InMemoryNudgeStore(), SlackModule.MAX_BODY_BYTES, Optional.of(new AppConfig.Secret("xapp-1-test")));
        slack.fake.socketModeUrl(socket.url());
        SocketBackoff fast = SocketBackoff.exponential(Duration.ofMillis(40), Duration.ofMillis(400), jitter::next);
        slack.module.reconnectWith(attempt -> {
            Duration pause = fast.pause(attempt);
            pauses.add(pause);
            return pause;
        }, Duration.ofMillis(100));
        connection = slack.module.start();
        assertThat(socket.awaitConnection(1, ACK_WAIT)).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        slack.close();
        socket.close();
    }

    @Test
    void appTokenAndBotToken_areTheWholeSlackConfiguration() {
        AppConfig config = AppConfig.fromEnv(Map.of("SLACK_APP_TOKEN", "xapp-1-A0-1-abc", "SLACK_BOT_TOKEN", "xoxb-1"));

        assertThat(config.slack()).hasValueSatisfying(settings -> {
            assertThat(settings.appToken()).isPresent();
            assertThat(settings.signingSecret().value()).isEmpty();
        });
    }

    @Test
    void eventEnvelope_isStoredThenAcked() throws Exception {
        String envelope = socket.send("events_api", SlackHarness.json("message.channels.json"));

        assertThat(socket.answerTo(envelope, ACK_WAIT)).isPresent();
        assertThat(stored.entries()).extracting(InboxEntry::kind).containsExactly("event:message");
        assertThat(slack.fake.calls("apps.connections.open")).isNotEmpty();
    }

    @Test
    void slashCommandEnvelope_isAckedAndAnsweredByTheSameHandlerAsOverHttp() throws Exception {
        String envelope = socket.send("slash_commands", formAsJson(slack.slashCommand("555.1.socket", "/happy3",
                "bogus")));

        assertThat(socket.answerTo(envelope, ACK_WAIT)).isPresent();
        slack.drain();
        assertThat(slack.fake.calls("/commands/1234/5678").get(0).body()).contains("I don't know `bogus`");
    }

    @Test
    void interactiveEnvelope_isStoredThenAcked() throws Exception {
        String form = slack.blockAction("777.1.socket", SlackHarness.AGENT, "customer_confirmed", "nudge-x", false);
        String envelope = socket.send("interactive", SlackHarness.JSON.readTree(
                URLDecoder.decode(form.substring("payload=".length()), StandardCharsets.UTF_8)));

        assertThat(socket.answerTo(envelope, ACK_WAIT)).isPresent();
        assertThat(stored.entries()).extracting(InboxEntry::eventId).containsExactly("777.1.socket");
    }

    @Test
    void inboxDown_sendsNoAckSoSlackDeliversAgain() throws Exception {
        inboxDown.set(true);
        String envelope = socket.send("events_api", SlackHarness.json("message.channels.json"));

        assertThat(socket.answerTo(envelope, Duration.ofSeconds(2))).isEmpty();
        inboxDown.set(false);
        String again = socket.send("events_api", SlackHarness.json("message.channels.json"));
        assertThat(socket.answerTo(again, ACK_WAIT)).isPresent();
        assertThat(stored.entries()).hasSize(1);
    }

    @Test
    void droppedSocket_isReopenedAndEnvelopesFlowAgain() throws Exception {
        socket.dropAll();

        assertThat(socket.awaitConnection(2, Duration.ofSeconds(20))).as("reconnected").isTrue();
        assertThat(slack.fake.calls("apps.connections.open")).hasSizeGreaterThanOrEqualTo(2);
        String envelope = socket.send("events_api", SlackHarness.json("message.channels.json"));
        assertThat(socket.answerTo(envelope, ACK_WAIT)).isPresent();
    }

    @Test
    void droppedSocket_whileSlackRefuses_retriesWithGrowingJitteredPauses_thenResets() throws Exception {
        for (int i = 0; i < 3; i++) {
            slack.fake.failNext("apps.connections.open", "internal_error");
        }
        socket.dropAll();

        assertThat(socket.awaitConnection(2, Duration.ofSeconds(20))).as("reconnected").isTrue();
        List<Duration> seen = List.copyOf(pauses);
        assertThat(seen).as("three refused attempts, then the one that connected").hasSizeGreaterThanOrEqualTo(4);
        long[] ceilings = {40, 80, 160, 320};
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThat(seen.get(attempt).toMillis()).as("pause before attempt " + (attempt + 1))
                    .isBetween(ceilings[attempt] / 2, ceilings[attempt]);
        }
        assertThat(seen.get(0).toMillis()).as("jitter: the first draw is high").isGreaterThan(30);
        assertThat(seen.get(1).toMillis()).as("jitter: the second draw is low").isLessThan(50);

        assertThat(socket.awaitPings(socket.pings(), 3, Duration.ofSeconds(20)))
                .as("the watchdog finds the new socket alive").isTrue();
        pauses.clear();
        socket.dropAll();
        assertThat(socket.awaitConnection(3, Duration.ofSeconds(20))).as("reconnected again").isTrue();
        assertThat(pauses.get(0)).as("a connection resets the backoff").isLessThanOrEqualTo(Duration.ofMillis(40));
    }

    /** Jitter draws taken in turn from {@code draws}. */
    private static final class Jitter {
        private final double[] draws;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        Jitter(double[] draws) {
            this.draws = draws;
        }

        double next() {
            return draws[Math.floorMod(next.getAndIncrement(), draws.length)];
        }
    }

    /** A slash command as Socket Mode sends it: the form's fields as one JSON object. */
    private static JsonNode formAsJson(String form) {
        ObjectNode json = SlackHarness.JSON.createObjectNode();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            json.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return json;
    }

    /** The in-memory inbox, failing every append while {@code down} is set. */
    private static final class SwitchableInbox extends ForwardingInboxStore {
        private final AtomicBoolean down;

        SwitchableInbox(InMemoryInboxStore store, AtomicBoolean down) {
            super(store);
            this.down = down;
        }

        @Override
        public boolean append(InboxEntry entry) {
            if (down.get()) {
                throw new IllegalStateException("database unavailable");
            }
            return super.append(entry);
        }
    }
}
