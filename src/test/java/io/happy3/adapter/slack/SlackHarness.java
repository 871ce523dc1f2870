package io.happy3.adapter.slack;

import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
import io.happy3.testing.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.adapter.http.HttpServer;
import io.happy3.adapter.memory.InMemoryAgentPreferenceStore;
import io.happy3.adapter.memory.InMemoryChannelSettingsStore;
import io.happy3.adapter.memory.InMemoryCustomerNoteStore;
import io.happy3.adapter.memory.InMemoryCheckInStore;
import io.happy3.adapter.memory.InMemoryDesiredResultStore;
import io.happy3.adapter.memory.InMemoryInboxStore;
import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.memory.InMemoryProudMomentStore;
import io.happy3.app.Engine;
import io.happy3.config.AppConfig;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.domain.inbox.InboxStore;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.playbook.CheckInRules;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything a Slack adapter test needs, real where it can be: the engine over in-memory stores, the
 * Slack module pointed at a {@link FakeSlackApi}, the real HTTP server on port 0, a mutable clock, and
 * signed requests built from the documented payload fixtures.
 */
final class SlackHarness implements AutoCloseable {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TEAM = "T123ABC456";
    static final String CHANNEL = "C123ABC456";
    static final String AGENT = "U0AGENT1";
    static final String CUSTOMER = "U0CUSTOMER";
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    final FakeSlackApi fake;
    final InMemoryInboxStore memoryInbox = new InMemoryInboxStore();
    final IssueStore issues;
    final NudgeStore nudges;
    /** The renderings the App Home reads; another module over the same store is another replica. */
    final io.happy3.domain.nudge.RenderedNudgeStore rendered = new io.happy3.adapter.memory.InMemoryRenderedNudgeStore();
    final InMemoryChannelSettingsStore channelSettings = new InMemoryChannelSettingsStore();
    final InMemoryCheckInStore checkIns = new InMemoryCheckInStore();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final SlackModule module;
    final Engine engine;
    final Engine.Stores stores;
    final InboxHandler handler;
    final HttpServer server;
    private final InboxStore inbox;
    private final HttpClient http = HttpClient.newHttpClient();

    SlackHarness() throws IOException {
        this(null, SlackModule.MAX_BODY_BYTES);
    }

    /** {@code inbox} replaces the in-memory inbox when given (a failing store, the H2 store). */
    SlackHarness(InboxStore inbox, int maxBodyBytes) throws IOException {
        this(inbox, new InMemoryIssueStore(), new InMemoryNudgeStore(), maxBodyBytes);
    }

    /** Over the given stores (the JDBC ones, for the path through a real database). */
    SlackHarness(InboxStore inbox, IssueStore issues, NudgeStore nudges, int maxBodyBytes) throws IOException {
        this(inbox, issues, nudges, maxBodyBytes, Optional.empty());
    }

    /** With an app token: Socket Mode as well as HTTP ({@link SlackModule#start} connects). */
    SlackHarness(InboxStore inbox, IssueStore issues, NudgeStore nudges, int maxBodyBytes,
                 Optional<AppConfig.Secret> appToken) throws IOException {
        this.fake = new FakeSlackApi();
        this.inbox = inbox == null ? memoryInbox : inbox;
        this.issues = issues;
        this.nudges = nudges;
        AppConfig.Slack config = new AppConfig.Slack(new AppConfig.Secret(SECRET),
                Optional.of(new AppConfig.Secret("xoxb-test")), Optional.empty(), Optional.empty(), fake.apiUrl(),
                appToken);
        module = SlackModule.create(config, this.inbox, new InMemoryInstallationStore(), issues, nudges, rendered,
                clock, maxBodyBytes, sleeps::add, Duration.ofMillis(500));
        Engine.Stores stores = new Engine.Stores(issues, nudges, new InMemoryProudMomentStore(), channelSettings,
                new InMemoryAgentPreferenceStore(), new InMemoryCustomerNoteStore(),
            new InMemoryDesiredResultStore(), checkIns);
        module.showCustomers(stores.customerNotes(), stores.desiredResults());
        this.stores = stores;
        engine = new Engine(stores, PlaybookSource.of(List.of(playbook())), module.directory(), module.gateway(),
                clock, ZoneOffset.UTC, "test");
        module.showCheckIns(engine.checkIns()::homeSection);
        handler = module.inboxHandler(engine.router());
        server = new HttpServer("127.0.0.1", 0, module.servlets().entrySet().stream()
                .map(entry -> new HttpServer.Mount(entry.getKey(), entry.getValue())).toList(), Optional::empty)
                .start();
    }

    /** The DESIGN.md playbook's confirm and follow-up steps, following {@link #CHANNEL} with one agent. */
    static Playbook playbook() {
        Step confirm = new Step(new StepId("confirm-result"), IssueEventType.RESOLUTION_PROPOSED,
                Optional.of(IssueEventType.CUSTOMER_CONFIRMED), Duration.ofHours(2), Recipient.ISSUE_AGENT,
                "You said this is fixed. Has {customer} confirmed it works for them?",
                List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.ASKED_NOW, NudgeAction.NOT_RESOLVED,
                        NudgeAction.SNOOZE), 2, Step.DEFAULT_EXPIRY);
        Step followUp = new Step(new StepId("follow-up"), IssueEventType.CUSTOMER_CONFIRMED, Optional.empty(),
                Duration.ofDays(3), Recipient.ISSUE_AGENT,
                "{customer} confirmed the fix 3 days ago. Check in: is everything still working?",
                List.of(NudgeAction.FOLLOWED_UP, NudgeAction.SKIP), 1, Step.DEFAULT_EXPIRY);
        return new Playbook(PlaybookId.DEFAULT, "test", List.of(CHANNEL), Set.of(AGENT), Set.of(), Optional.empty(),
                Optional.empty(), Map.of(), List.of(confirm, followUp), Playbook.DEFAULT_RESPONSE_TARGET,
                Playbook.DEFAULT_STALE_AFTER, Playbook.DEFAULT_MAX_NUDGES_PER_AGENT_PER_DAY,
                Optional.of(new CheckInRules(25, Optional.empty(), List.of(Duration.ofDays(14)), true)));
    }

    /** The {@code /slack/events} URL of the running server. */
    URI eventsUri() {
        return URI.create("http://127.0.0.1:" + server.port() + "/slack/events");
    }

    /** Processes every pending inbox entry, as the inbox worker would. */
    int drain() {
        int handled = 0;
        for (List<InboxEntry> batch = inbox.claim("test", 50, clock.instant(), Duration.ofMinutes(1));
             !batch.isEmpty(); batch = inbox.claim("test", 50, clock.instant(), Duration.ofMinutes(1))) {
            for (InboxEntry entry : batch) {
                handler.handle(entry);
                inbox.markDone(entry);
                handled++;
            }
        }
        return handled;
    }

    // ---- payloads, from the documented fixtures ----

    static String fixture(String name) {
        try (InputStream in = SlackHarness.class.getResourceAsStream("/slack/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String name) {
        try {
            return (ObjectNode) JSON.readTree(fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** message.channels.json with this message. {@code threadTs} null for a top-level message. */
    static String message(String eventId, String user, String ts, String threadTs, String text) {
        ObjectNode envelope = json("message.channels.json").put("event_id", eventId);
        ObjectNode event = (ObjectNode) envelope.get("event");
        event.put("user", user).put("ts", ts).put("event_ts", ts).put("text", text);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        return envelope.toString();
    }

    /** A Slack timestamp for an instant ({@code seconds.micros}). */
    static String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1000);
    }

    /** block_actions.json with one button press (or menu choice) by {@code user}. */
    String blockAction(String triggerId, String user, String actionId, String value, boolean menu) {
        return blockAction(triggerId, user, actionId, value, menu, "=qXel");
    }

    /** The same, pressed in the actions block {@code blockId}. */
    String blockAction(String triggerId, String user, String actionId, String value, boolean menu, String blockId) {
        ObjectNode payload = json("block_actions.json").put("trigger_id", triggerId)
                .put("response_url", fake.url() + "/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209");
        ((ObjectNode) payload.get("user")).put("id", user).put("team_id", TEAM);
        ((ObjectNode) payload.get("team")).put("id", TEAM);
        ((ObjectNode) payload.get("container")).put("type", "message").put("is_ephemeral", true);
        ObjectNode action = (ObjectNode) payload.withArray("actions").get(0);
        action.put("action_id", actionId).put("action_ts", ts(clock.instant())).put("block_id", blockId);
        if (menu) {
            action.put("type", "static_select").remove("value");
            action.putObject("selected_option").put("value", value);
        } else {
            action.put("value", value);
        }
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    /** slash_command.form as {@code /command text} in {@link #CHANNEL}, run by {@link #AGENT}. */
    String slashCommand(String triggerId, String command, String text) {
        return slashCommand(triggerId, AGENT, command, text);
    }

    /** The same, run by {@code user}. */
    String slashCommand(String triggerId, String user, String command, String text) {
        return fixture("slash_command.form").strip()
                .replace("team_id=T0001", "team_id=" + TEAM)
                .replace("channel_id=C2147483705", "channel_id=" + CHANNEL)
                .replace("user_id=U2147483697", "user_id=" + user)
                .replace("command=/weather", "command=" + URLEncoder.encode(command, StandardCharsets.UTF_8))
                .replace("text=94070", "text=" + URLEncoder.encode(text, StandardCharsets.UTF_8))
                .replace("response_url=https://hooks.slack.com/commands/1234/5678",
                        "response_url=" + URLEncoder.encode(fake.url() + "/commands/1234/5678", StandardCharsets.UTF_8))
                .replace("trigger_id=13345224609.738474920.8088930838d88f008e0", "trigger_id=" + triggerId);
    }

    // ---- signed requests ----

    /** Signs {@code body} with the test secret at the clock's time and posts it. */
    HttpResponse<String> post(String body, String... headers) {
        return post(body.getBytes(StandardCharsets.UTF_8), Long.toString(clock.instant().getEpochSecond()), SECRET,
                headers);
    }

    HttpResponse<String> post(byte[] body, String timestamp, String secret, String... headers) {
        String signature = new SlackSignatureVerifier(secret, clock).sign(timestamp, body);
        return postRaw(body, timestamp, signature, headers);
    }

    HttpResponse<String> postRaw(byte[] body, String timestamp, String signature, String... headers) {
        String type = body.length > 0 && body[0] == '{' ? "application/json" : "application/x-www-form-urlencoded";
        HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri()).header("Content-Type", type)
                .header("X-Slack-Request-Timestamp", timestamp).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        fake.close();
    }
}
