package io.happy3.adapter.teams;

import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
import io.happy3.testing.ApiCallLog;
import io.happy3.testing.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.adapter.http.HttpServer;
import io.happy3.adapter.memory.InMemoryAgentPreferenceStore;
import io.happy3.adapter.memory.InMemoryChannelSettingsStore;
import io.happy3.adapter.memory.InMemoryCustomerNoteStore;
import io.happy3.adapter.memory.InMemoryCheckInStore;
import io.happy3.adapter.memory.InMemoryDesiredResultStore;
import io.happy3.adapter.memory.InMemoryConversationAddressStore;
import io.happy3.adapter.memory.InMemoryInboxStore;
import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.memory.InMemoryProudMomentStore;
import io.happy3.app.Engine;
import io.happy3.config.AppConfig;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole Teams path for tests: in-memory stores, the engine with a playbook built in code, the Teams module
 * mounted on the real HTTP server (port 0), a fake Bot Connector and a clock tests move. {@link #restart} builds
 * new module, engine and server instances over the same stores, as a process restart would.
 */
final class TeamsTestBed implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "00000000-0000-0000-0000-0000000000tt";
    static final String CHANNEL = "19:support@thread.tacv2";
    static final String AGENT = "29:agent-aad-user";
    static final String CUSTOMER = "29:customer-aad-user";
    static final String TEAM = "19:team@thread.tacv2";
    static final String TEAM_GROUP = "00000000-0000-0000-0000-00000000team";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    final FakeBotConnector connector = new FakeBotConnector();
    final InMemoryInboxStore inbox = new InMemoryInboxStore();
    final InMemoryConversationAddressStore addresses = new InMemoryConversationAddressStore();
    final InMemoryInstallationStore installations = new InMemoryInstallationStore();
    final ApiCallLog apiCalls = new ApiCallLog();
    final Engine.Stores stores = new Engine.Stores(new InMemoryIssueStore(), new InMemoryNudgeStore(),
            new InMemoryProudMomentStore(), new InMemoryChannelSettingsStore(), new InMemoryAgentPreferenceStore(),
            new InMemoryCustomerNoteStore(),
            new InMemoryDesiredResultStore(), new InMemoryCheckInStore());
    private final AppConfig.Teams config;
    private final TeamsModule.Endpoints endpoints;
    private final HttpClient http = HttpClient.newHttpClient();
    TeamsModule module;
    Engine engine;
    TeamsInboxHandler handler;
    HttpServer server;

    TeamsTestBed() {
        this(new AppConfig.Teams(Optional.empty(), Optional.empty(), Optional.empty(), true));
    }

    TeamsTestBed(AppConfig.Teams config) {
        this(config, TeamsModule.Endpoints.microsoft());
    }

    /** With Microsoft Graph at {@code graph}, asked as a test app (team owners are recognised). */
    TeamsTestBed(FakeMicrosoftGraph graph) {
        this(new AppConfig.Teams(Optional.empty(), Optional.empty(), Optional.empty(), true),
                new TeamsModule.Endpoints(Optional.empty(), graph.login(), graph.graph(),
                        Optional.of(new GraphTeamOwners.Credentials("test-app-id", "test-app-secret"))));
    }

    private TeamsTestBed(AppConfig.Teams config, TeamsModule.Endpoints endpoints) {
        this.config = config;
        this.endpoints = endpoints;
        Map<String, String> channels = new java.util.LinkedHashMap<>();
        channels.put(TEAM, null); // Teams gives the General channel no name
        channels.put(CHANNEL, "Customer Support");
        connector.team(TEAM, "Contoso Support", TEAM_GROUP, channels);
        start();
    }

    private void start() {
        module = TeamsModule.create(config, inbox, addresses, installations, clock, endpoints)
                .recordResultsOn(stores.issues())
                .reportTo(apiCalls);
        engine = new Engine(stores, PlaybookSource.of(List.of(playbook())), module.directory(), module.gateway(),
                clock, ZoneOffset.UTC, "test");
        handler = module.inboxHandler(engine.router());
        List<HttpServer.Mount> mounts = module.servlets().entrySet().stream()
                .map(entry -> new HttpServer.Mount(entry.getKey(), entry.getValue())).toList();
        server = new HttpServer("127.0.0.1", 0, mounts, Optional::empty).start();
    }

    void restart() {
        server.close();
        start();
    }

    static Playbook playbook() {
        List<Step> steps = List.of(
                new Step(new StepId("first-response"), IssueEventType.ISSUE_OPENED, Optional.of(IssueEventType.AGENT_REPLIED),
                        Duration.ofMinutes(10), Recipient.CHANNEL_AGENTS,
                        "{customer} has waited {waited} in {channel}. A quick hello now beats a perfect answer later.",
                        List.of(NudgeAction.ON_IT, NudgeAction.SNOOZE), 1, Step.DEFAULT_EXPIRY),
                new Step(new StepId("confirm-result"), IssueEventType.RESOLUTION_PROPOSED,
                        Optional.of(IssueEventType.CUSTOMER_CONFIRMED), Duration.ofHours(2), Recipient.ISSUE_AGENT,
                        "You said this is fixed. Has {customer} confirmed it works for them?",
                        List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.ASKED_NOW, NudgeAction.NOT_RESOLVED,
                                NudgeAction.SNOOZE), 2, Step.DEFAULT_EXPIRY));
        return new Playbook(PlaybookId.DEFAULT, "code", List.of(CHANNEL), Set.of(AGENT), Set.of(), Optional.empty(),
                Optional.empty(), Map.of(io.happy3.domain.signal.Signal.RESOLUTION_PROPOSED,
                List.of("deployed a fix")), steps, Playbook.DEFAULT_RESPONSE_TARGET, Playbook.DEFAULT_STALE_AFTER,
                Playbook.DEFAULT_MAX_NUDGES_PER_AGENT_PER_DAY, Optional.empty());
    }

    /** A fixture from {@code src/test/resources/teams/}, its service URL aimed at the fake connector. */
    ObjectNode fixture(String name) {
        try (InputStream in = TeamsTestBed.class.getResourceAsStream("/teams/" + name)) {
            ObjectNode activity = (ObjectNode) JSON.readTree(in);
            activity.put("serviceUrl", connector.serviceUrl());
            return activity;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> post(String fixture) {
        return post(fixture, activity -> { });
    }

    HttpResponse<String> post(String fixture, Consumer<ObjectNode> change) {
        ObjectNode activity = fixture(fixture);
        change.accept(activity);
        return post(activity.toString(), Optional.empty());
    }

    HttpResponse<String> post(String body, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + TeamsModule.MESSAGES_PATH)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Processes every pending inbox entry, as the inbox worker would; returns how many. */
    int drainInbox() {
        int processed = 0;
        List<InboxEntry> claimed;
        while (!(claimed = inbox.claim("test", 10, clock.instant(), Duration.ofMinutes(1))).isEmpty()) {
            for (InboxEntry entry : claimed) {
                handler.handle(entry);
                inbox.markDone(entry);
                processed++;
            }
        }
        return processed;
    }

    /** The Adaptive Cards the bot sent (or updated), in order. */
    List<ObjectNode> cardsSent() {
        return connector.calls().stream()
                .filter(call -> call.path().contains("/activities"))
                .flatMap(call -> toStream(call.body().path("attachments")))
                .filter(attachment -> NudgeCards.CONTENT_TYPE.equals(attachment.path("contentType").asText()))
                .map(attachment -> (ObjectNode) attachment.path("content")).collect(Collectors.toList());
    }

    private static java.util.stream.Stream<com.fasterxml.jackson.databind.JsonNode> toStream(
            com.fasterxml.jackson.databind.JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    @Override
    public void close() {
        server.close();
        connector.close();
    }
}
