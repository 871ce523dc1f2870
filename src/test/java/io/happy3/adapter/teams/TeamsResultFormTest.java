package io.happy3.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.issue.IssueId;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 on Teams: the first-response nudge card carries the desired-result form (Input.Text, optional
 * Input.Date, Action.Execute "Record result"); a press is checked as Slack's modal is, errors come back in the
 * card with the typed text kept, and a good one is recorded through the same use case as /happy3 result.
 */
class TeamsResultFormTest {
    private final TeamsTestBed bed = new TeamsTestBed();
    private final IssueId issue = IssueId.of(new MessageRef(new ChannelRef(Platform.TEAMS, TeamsTestBed.TENANT,
            TeamsTestBed.CHANNEL), "1700000000101"));
    private String nudge;

    @BeforeEach
    void nudged() {
        bed.post("members-added.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        bed.post("channel-message.json");
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T09:11:00Z"));
        assertThat(bed.engine.delivery().tick()).isEqualTo(1);
        nudge = TeamsFlowTest.buttonData(bed.cardsSent().get(0), "on_it").path("nudge").asText();
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void firstResponseCard_offersTheForm() {
        String card = bed.cardsSent().get(0).toString();

        assertThat(card).contains("\"type\":\"Input.Text\",\"id\":\"result_text\"")
                .contains("\"type\":\"Input.Date\",\"id\":\"result_by\"")
                .contains("\"verb\":\"record_result\"").contains("\"maxLength\":" + DesiredResult.MAX_LENGTH);
    }

    @Test
    void emptyText_cardShowsTheErrorAndNothingIsSaved() throws Exception {
        JsonNode card = press("invoke-result-1", "  ", "");

        assertThat(error(card)).contains("Write the result the customer needs");
        assertThat(card.toString()).as("the form is still there").contains("result_text");
        assertThat(bed.stores.desiredResults().find(issue)).isEmpty();
    }

    @Test
    void pastDate_cardShowsTheErrorAndKeepsWhatWasTyped() throws Exception {
        JsonNode card = press("invoke-result-2", "nightly export in finance by 8:00", "2026-11-01");

        assertThat(error(card)).contains("That date has passed");
        assertThat(card.toString()).contains("\"value\":\"nightly export in finance by 8:00\"");
        assertThat(bed.stores.desiredResults().find(issue)).isEmpty();
    }

    @Test
    void textAndDate_recordedAndTheFormGivesWayToTheAnswer() throws Exception {
        JsonNode card = press("invoke-result-3", "nightly export in finance by 8:00", "2026-11-27");

        DesiredResult saved = bed.stores.desiredResults().find(issue).orElseThrow();
        assertThat(saved.text()).isEqualTo("nightly export in finance by 8:00");
        assertThat(saved.by()).isEqualTo(Optional.of(LocalDate.parse("2026-11-27")));
        assertThat(card.toString()).contains("Recorded: Casey Customer needs").doesNotContain("Input.Text")
                .as("the nudge's own buttons stay").contains("\"verb\":\"on_it\"");
    }

    /** The error shown under the form, or "" when there is none. */
    private String error(JsonNode card) {
        return card.findParents("id").stream().filter(node -> node.path("id").asText().equals("result-error-" + nudge))
                .map(node -> node.path("text").asText()).findFirst().orElse("");
    }

    @Test
    void customerStatedTheResult_formStartsWithTheirSentence() {
        bed.clock.set(Instant.parse("2026-11-23T10:00:00Z"));
        bed.post("channel-message.json", activity -> {
            activity.put("id", "1700000000401");
            activity.withObjectProperty("conversation").put("id", TeamsTestBed.CHANNEL + ";messageid=1700000000401");
            activity.put("timestamp", "2026-11-23T10:00:00.000Z");
            activity.put("text", "<p>The export fails again. We need the invoices export in finance by 8am.</p>");
        });
        bed.drainInbox();
        bed.clock.set(Instant.parse("2026-11-23T10:11:00Z"));
        assertThat(bed.engine.delivery().tick()).isEqualTo(1);

        JsonNode field = bed.cardsSent().get(1).findParents("id").stream()
                .filter(node -> node.path("id").asText().equals(ResultForm.TEXT)).findFirst().orElseThrow();
        assertThat(field.path("value").asText()).contains("invoices export in finance by 8am");
    }

    private JsonNode press(String id, String text, String by) throws Exception {
        HttpResponse<String> response = bed.post("action-execute.json", activity -> {
            activity.put("id", id);
            activity.withObjectProperty("conversation").put("id", "a:created-1");
            activity.put("replyToId", "fake-activity-1");
            ObjectNode action = activity.withObjectProperty("value").withObjectProperty("action");
            action.put("verb", ResultForm.VERB).put("id", ResultForm.VERB);
            action.withObjectProperty("data").put("nudge", nudge).put("action", ResultForm.VERB)
                    .put(ResultForm.TEXT, text).put(ResultForm.BY, by);
        });
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TeamsTestBed.JSON.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo(InvokeResponses.CARD);
        return body.path("value");
    }
}
