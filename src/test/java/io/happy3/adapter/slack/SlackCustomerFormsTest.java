package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.AGENT;
import static io.happy3.adapter.slack.SlackHarness.CHANNEL;
import static io.happy3.adapter.slack.SlackHarness.CUSTOMER;
import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerRecall;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.StepId;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer modals through the real Bolt app: signed block actions, a message shortcut and view submissions
 * shaped like Slack's documented payloads, the local fake Web API recording {@code views.open} and
 * {@code views.publish}, and the stores the use cases write.
 */
class SlackCustomerFormsTest {
    private SlackHarness slack;
    private String root;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
        root = SlackHarness.ts(slack.clock.instant());
        slack.post(SlackHarness.message("Ev0001", CUSTOMER, root, null, "Exports fail with error 500"));
        slack.clock.advance(Duration.ofMinutes(3));
        slack.post(SlackHarness.message("Ev0002", AGENT, SlackHarness.ts(slack.clock.instant()), root,
                "Looking into it now."));
        slack.drain();
        slack.fake.reset();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private static JsonNode json(String text) {
        try {
            return SlackHarness.JSON.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The one {@code views.open} call's view. */
    private JsonNode openedView() {
        assertThat(slack.fake.calls("views.open")).hasSize(1);
        return json(slack.fake.calls("views.open").get(0).param("view"));
    }

    private HttpResponse<String> submit(String triggerId, String user, String callbackId, String metadata,
                                        Map<String, ObjectNode> values) {
        ObjectNode payload = SlackHarness.json("view_submission.json").put("trigger_id", triggerId);
        ((ObjectNode) payload.get("team")).put("id", TEAM);
        ((ObjectNode) payload.get("user")).put("id", user).put("team_id", TEAM);
        ObjectNode view = ((ObjectNode) payload.get("view")).put("callback_id", callbackId)
                .put("private_metadata", metadata).put("team_id", TEAM);
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((block, value) -> state.putObject(block).set(block.equals(SlackCustomerForms.BY_BLOCK)
                ? SlackCustomerForms.BY_INPUT : block.equals(SlackCustomerForms.CUSTOMER_BLOCK)
                ? SlackCustomerForms.CUSTOMER_INPUT : SlackCustomerForms.TEXT_INPUT, value));
        return slack.post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8));
    }

    private static ObjectNode text(String value) {
        return SlackHarness.JSON.createObjectNode().put("type", "plain_text_input").put("value", value);
    }

    private static ObjectNode date(String value) {
        return SlackHarness.JSON.createObjectNode().put("type", "datepicker").put("selected_date", value);
    }

    private static ObjectNode user(String value) {
        return SlackHarness.JSON.createObjectNode().put("type", "users_select").put("selected_user", value);
    }

    private Optional<DesiredResult> result() {
        return slack.stores.desiredResults().find(IssueId.of(new MessageRef(new ChannelRef(Platform.SLACK, TEAM,
                CHANNEL), root)));
    }

    private String dms() {
        return String.join("\n", slack.fake.calls("chat.postMessage").stream().map(call -> call.param("text"))
                .toList());
    }

    @Test
    void firstResponseNudge_thatAsksForTheResult_carriesARecordResultButton() {
        NudgeMessage asking = new NudgeMessage(new NudgeId("n1"), new UserRef(Platform.SLACK, TEAM, AGENT),
                new MessageRef(new ChannelRef(Platform.SLACK, TEAM, CHANNEL), root), new StepId("first-response"),
                "Chris has waited 10m.\nAsk for the result they need: \"" + CustomerRecall.ASK + "\"",
                List.of(NudgeAction.ON_IT), false);
        NudgeMessage confirming = new NudgeMessage(new NudgeId("n2"), asking.recipient(), asking.thread(),
                new StepId("confirm-result"), "Has Chris confirmed it works?", List.of(NudgeAction.CUSTOMER_CONFIRMED), false);

        JsonNode button = SlackBlocks.nudge(asking).get(1).path("elements").get(0);

        assertThat(button.path("action_id").asText()).isEqualTo(SlackCustomerForms.OPEN_RESULT);
        assertThat(button.path("text").path("text").asText()).isEqualTo("Record result");
        assertThat(button.path("value").asText()).isEqualTo(CHANNEL + "|" + root);
        assertThat(SlackBlocks.nudge(confirming).toString()).doesNotContain(SlackCustomerForms.OPEN_RESULT);
    }

    @Test
    void recordResultButton_opensTheModal_andItsSubmissionRecordsTheResult() {
        String press = slack.blockAction("777.1.open", AGENT, SlackCustomerForms.OPEN_RESULT, CHANNEL + "|" + root,
                false, "nudge:n1:" + CHANNEL + ":" + root);
        assertThat(slack.post(press).statusCode()).isEqualTo(200);

        JsonNode view = openedView();
        assertThat(slack.fake.calls("views.open").get(0).param("trigger_id")).isEqualTo("777.1.open");
        assertThat(view.path("type").asText()).isEqualTo("modal");
        assertThat(view.path("callback_id").asText()).isEqualTo(SlackCustomerForms.RESULT_VIEW);
        assertThat(view.path("private_metadata").asText()).isEqualTo(CHANNEL + "|" + root);
        assertThat(view.path("blocks").toString()).contains("\"type\":\"plain_text_input\"", "\"type\":\"datepicker\"",
                CustomerRecall.ASK);
        slack.drain();
        assertThat(slack.fake.calls("/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209"))
                .as("opening the modal answers no nudge").isEmpty();

        HttpResponse<String> ack = submit("777.2.submit", AGENT, SlackCustomerForms.RESULT_VIEW, CHANNEL + "|" + root,
                Map.of("text", text("the nightly export in finance by 8:00"), "by", date("2026-12-04")));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).doesNotContain("errors");
        slack.drain();

        assertThat(result()).hasValueSatisfying(found -> {
            assertThat(found.recorded()).isTrue();
            assertThat(found.text()).isEqualTo("the nightly export in finance by 8:00");
            assertThat(found.by()).contains(LocalDate.parse("2026-12-04"));
            assertThat(found.recordedBy()).contains(new UserRef(Platform.SLACK, TEAM, AGENT));
        });
        assertThat(dms()).contains("Recorded: <@" + CUSTOMER + "> needs the nightly export in finance by 8:00");
    }

    @Test
    void resultSubmission_withAPastDayOrNoText_showsErrorsInTheModal_andRecordsNothing() {
        HttpResponse<String> blank = submit("778.1.submit", AGENT, SlackCustomerForms.RESULT_VIEW,
                CHANNEL + "|" + root, Map.of("text", text("   ")));
        HttpResponse<String> past = submit("778.2.submit", AGENT, SlackCustomerForms.RESULT_VIEW,
                CHANNEL + "|" + root, Map.of("text", text("the export by 8am"), "by", date("2026-01-05")));

        assertThat(json(blank.body()).path("response_action").asText()).isEqualTo("errors");
        assertThat(json(blank.body()).path("errors").path("text").asText()).contains("Write the result");
        assertThat(json(past.body()).path("errors").path("by").asText()).contains("That day has passed");
        assertThat(json(past.body()).path("errors").has("text")).isFalse();
        slack.drain();
        assertThat(result()).isEmpty();
        assertThat(dms()).isEmpty();
    }

    @Test
    void messageShortcut_opensANoteModalForTheMessagesAuthor_withoutStoringTheMessageText() {
        ObjectNode shortcut = SlackHarness.json("message_action.json");
        ((ObjectNode) shortcut.get("team")).put("id", TEAM);
        ((ObjectNode) shortcut.get("user")).put("id", AGENT).put("team_id", TEAM);
        ((ObjectNode) shortcut.get("channel")).put("id", CHANNEL);

        HttpResponse<String> ack = slack.post("payload=" + URLEncoder.encode(shortcut.toString(),
                StandardCharsets.UTF_8));

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode view = openedView();
        assertThat(view.path("callback_id").asText()).isEqualTo(SlackCustomerForms.NOTE_VIEW);
        assertThat(view.path("private_metadata").asText()).isEqualTo(CHANNEL);
        assertThat(view.path("blocks").get(0).path("element").path("initial_user").asText()).isEqualTo(CUSTOMER);
        assertThat(view.toString()).doesNotContain("moving to SSO");
        List<InboxEntry> stored = slack.memoryInbox.claim("t", 10, slack.clock.instant(), Duration.ofMinutes(1));
        assertThat(stored).singleElement().satisfies(entry -> assertThat(SlackPayload.parse(entry.payload()
                .orElseThrow()).body().toString()).contains(CUSTOMER).doesNotContain("moving to SSO")
                .doesNotContain("login page"));
    }

    @Test
    void noteSubmission_savesTheNoteTheAgentWrote_andAnOutsiderIsRefused() {
        submit("779.1.submit", AGENT, SlackCustomerForms.NOTE_VIEW, CHANNEL,
                Map.of("customer", user(CUSTOMER), "text", text("migrating to SSO in Q1")));
        slack.drain();

        assertThat(slack.engine.notes().latest(new UserRef(Platform.SLACK, TEAM, CUSTOMER), 5))
                .extracting(CustomerNote::text).containsExactly("migrating to SSO in Q1");
        assertThat(dms()).contains("Noted on <@" + CUSTOMER + ">");

        slack.fake.reset();
        submit("779.2.submit", "U0STRANGER", SlackCustomerForms.NOTE_VIEW, CHANNEL,
                Map.of("customer", user(CUSTOMER), "text", text("not an agent")));
        slack.drain();
        assertThat(slack.engine.notes().latest(new UserRef(Platform.SLACK, TEAM, CUSTOMER), 5)).hasSize(1);
        assertThat(dms()).contains("agents and leads only");
    }

    @Test
    void appHome_showsACustomerCardPerOpenIssue_withTheResultTheNotesAndBothForms() {
        submit("780.1.submit", AGENT, SlackCustomerForms.NOTE_VIEW, CHANNEL,
                Map.of("customer", user(CUSTOMER), "text", text("migrating to SSO in Q1")));
        submit("780.2.submit", AGENT, SlackCustomerForms.RESULT_VIEW, CHANNEL + "|" + root,
                Map.of("text", text("the nightly export in finance by 8:00")));
        slack.drain();

        List<FakeSlackApi.Call> publishes = slack.fake.calls("views.publish");
        JsonNode home = json(publishes.get(publishes.size() - 1).param("view"));
        String blocks = home.path("blocks").toString();

        assertThat(blocks).contains("*<@" + CUSTOMER + ">* — ", ":dart: Needs the nightly export in finance by 8:00",
                ":memo: Last time: migrating to SSO in Q1");
        JsonNode buttons = null;
        for (JsonNode block : home.path("blocks")) {
            if (block.path("block_id").asText().equals("card:" + CHANNEL + ":" + root)) {
                buttons = block.path("elements");
            }
        }
        assertThat(buttons).isNotNull();
        assertThat(buttons.get(0).path("action_id").asText()).isEqualTo(SlackCustomerForms.OPEN_RESULT);
        assertThat(buttons.get(0).path("text").path("text").asText()).isEqualTo("Change result");
        assertThat(buttons.get(1).path("action_id").asText()).isEqualTo(SlackCustomerForms.OPEN_NOTE);
        assertThat(buttons.get(1).path("value").asText()).isEqualTo(CHANNEL + "|" + CUSTOMER);
        assertThat(home.path("blocks").size()).isLessThanOrEqualTo(100);
    }
}
