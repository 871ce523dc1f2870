package io.happy3.adapter.teams;

import static io.happy3.adapter.teams.TeamsTestBed.AGENT;
import static io.happy3.adapter.teams.TeamsTestBed.CHANNEL;
import static io.happy3.adapter.teams.TeamsTestBed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueState;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Teams-shaped activities through the real HTTP server, the engine and a fake Bot Connector. */
class TeamsFlowTest {
    private final TeamsTestBed bed = new TeamsTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void connectorThrottlesThenFails_nudgeRetriedWithBackoffAndDeliveredOnce() throws Exception {
        bed.post("members-added.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        bed.post("channel-message.json");
        bed.drainInbox();
        bed.connector.failNext(429, 1);

        bed.clock.set(Instant.parse("2026-11-23T09:11:00Z"));
        assertThat(bed.engine.delivery().tick()).as("throttled with Retry-After").isZero();
        bed.connector.failNext(500, 2);
        int delivered = 0;
        for (String at : List.of("09:12", "09:20", "09:40", "10:30", "12:00")) {
            bed.clock.set(Instant.parse("2026-11-23T" + at + ":00Z"));
            delivered += bed.engine.delivery().tick();
        }
        assertThat(delivered).as("delivered after the 500s, and once").isEqualTo(1);
        assertThat(bed.connector.calls().size()).as("the 500s were tried").isGreaterThan(3);

        assertThat(bed.cardsSent()).as("nudge cards that reached Teams").hasSize(1);
        // The SDK's own HTTP client retries the 500s inside one call; the metric counts calls as Happy3 makes them.
        assertThat(bed.apiCalls.calls()).as("every Bot Connector call is in the API-call metric")
                .containsExactly("teams teams.team 200", "teams conversations.create 429", "teams conversations.create 200",
                        "teams conversations.send 200");
    }

    @Test
    void connectorUnreachable_countedAsNetworkErrorInTheApiCallMetric() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort() + "/";
        bed.post("members-added.json", activity -> activity.put("serviceUrl", closed));
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        bed.post("channel-message.json", activity -> activity.put("serviceUrl", closed));
        bed.drainInbox();

        bed.clock.set(Instant.parse("2026-11-23T09:11:00Z"));
        assertThat(bed.engine.delivery().tick()).isZero();

        assertThat(bed.apiCalls.calls()).as("a refused connection has no HTTP status")
                .contains("teams conversations.create 0");
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void customerMessage_agentFixesAndPressesConfirmed_nudgesCardsAndConfirmsAcrossRestart() throws Exception {
        assertThat(bed.post("members-added.json").statusCode()).isEqualTo(202);
        bed.drainInbox();

        bed.clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(bed.post("channel-message.json").statusCode()).isEqualTo(202);
        assertThat(bed.drainInbox()).isEqualTo(1);

        bed.clock.set(Instant.parse("2026-11-23T09:11:00Z"));
        assertThat(bed.engine.delivery().tick()).isEqualTo(1);
        List<FakeBotConnector.Call> created = bed.connector.calls("POST", "/v3/conversations");
        assertThat(created.get(0).path()).isEqualTo("/v3/conversations");
        assertThat(created.get(0).body().path("members").get(0).path("id").asText()).isEqualTo(AGENT);
        assertThat(created.get(0).body().path("tenantId").asText()).isEqualTo(TENANT);
        ObjectNode firstCard = bed.cardsSent().get(0);
        assertThat(firstCard.path("version").asText()).isEqualTo("1.4");
        assertThat(firstCard.toString()).contains("Casey Customer has waited").contains("\"verb\":\"on_it\"")
                .contains("Action.Execute");
        assertThat(created.get(1).path()).isEqualTo("/v3/conversations/a:created-1/activities");

        bed.clock.set(Instant.parse("2026-11-23T09:20:00Z"));
        assertThat(bed.post("channel-reply.json").statusCode()).isEqualTo(202);
        assertThat(bed.drainInbox()).isEqualTo(1);
        Issue issue = issue("1700000000101");
        assertThat(issue.state()).isEqualTo(IssueState.RESOLUTION_PROPOSED);

        bed.clock.set(Instant.parse("2026-11-23T11:21:00Z"));
        assertThat(bed.engine.delivery().tick()).isEqualTo(1);
        assertThat(bed.connector.calls("POST", "/v3/conversations").stream()
                .filter(call -> call.path().equals("/v3/conversations"))).hasSize(1);
        ObjectNode confirmCard = bed.cardsSent().get(1);
        assertThat(confirmCard.toString()).contains("You said this is fixed").contains("\"verb\":\"customer_confirmed\"");
        String nudgeId = buttonData(confirmCard, "customer_confirmed").path("nudge").asText();
        String cardActivity = "fake-activity-2";

        HttpResponse<String> pressed = bed.post("action-execute.json", activity -> {
            activity.withObjectProperty("conversation").put("id", "a:created-1");
            activity.put("replyToId", cardActivity);
            activity.withObjectProperty("value").withObjectProperty("action").withObjectProperty("data").put("nudge", nudgeId);
        });

        assertThat(pressed.statusCode()).isEqualTo(200);
        JsonNode response = TeamsTestBed.JSON.readTree(pressed.body());
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(response.path("value").toString()).contains("Marked as confirmed by the customer (agent-attested)")
                .doesNotContain("Action.Execute");
        Issue confirmed = issue("1700000000101");
        assertThat(confirmed.state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(confirmed.last(IssueEventType.CUSTOMER_CONFIRMED).flatMap(event -> event.evidence()))
                .contains(Evidence.AGENT_ATTESTED);

        bed.restart();
        bed.connector.clear();
        bed.clock.set(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(bed.post("channel-message.json", activity -> {
            activity.put("id", "1700000000201");
            activity.withObjectProperty("conversation").put("id", CHANNEL + ";messageid=1700000000201");
            activity.put("timestamp", "2026-11-23T12:00:00.000Z");
        }).statusCode()).isEqualTo(202);
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T12:11:00Z"));
        assertThat(bed.engine.delivery().tick()).isEqualTo(1);
        assertThat(bed.connector.calls()).extracting(FakeBotConnector.Call::path)
                .filteredOn(path -> path.startsWith("/v3/conversations"))
                .containsExactly("/v3/conversations/a:created-1/activities");
        assertThat(bed.cardsSent().get(0).toString()).contains("Casey Customer has waited");
    }

    @Test
    void cardActionRedelivered_snoozesOnceAndAnswersWithoutRunningAgain() throws Exception {
        bed.post("members-added.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        bed.post("channel-message.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:11:00Z"));
        assertThat(bed.engine.delivery().tick()).isEqualTo(1);
        String nudgeId = buttonData(bed.cardsSent().get(0), "snooze").path("nudge").asText();
        java.util.function.Consumer<ObjectNode> snooze = activity -> {
            activity.put("id", "invoke-snooze-1");
            activity.withObjectProperty("conversation").put("id", "a:created-1");
            ObjectNode action = activity.withObjectProperty("value").withObjectProperty("action");
            action.put("verb", "snooze").put("id", "snooze");
            action.withObjectProperty("data").put("nudge", nudgeId).put("action", "snooze");
        };

        HttpResponse<String> first = bed.post("action-execute.json", snooze);
        bed.clock.set(Instant.parse("2026-11-23T09:25:00Z"));
        HttpResponse<String> again = bed.post("action-execute.json", snooze);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Snoozed until Mon 10:11");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TeamsTestBed.JSON.readTree(again.body()).path("statusCode").asInt()).isEqualTo(200);
        var nudge = bed.stores.nudges().find(new io.happy3.domain.nudge.NudgeId(nudgeId)).orElseThrow();
        assertThat(nudge.snoozes()).isEqualTo(1);
        assertThat(nudge.dueAt()).isEqualTo(Instant.parse("2026-11-23T10:11:00Z"));
    }

    private Issue issue(String root) {
        return bed.stores.issues().find(IssueId.of(new MessageRef(new ChannelRef(Platform.TEAMS, TENANT, CHANNEL), root)))
                .orElseThrow();
    }

    static JsonNode buttonData(JsonNode card, String verb) {
        for (JsonNode container : card.path("body")) {
            for (JsonNode item : container.path("items")) {
                for (JsonNode action : item.path("actions")) {
                    if (verb.equals(action.path("verb").asText())) {
                        return action.path("data");
                    }
                }
            }
        }
        throw new AssertionError("no " + verb + " button in " + card);
    }
}
