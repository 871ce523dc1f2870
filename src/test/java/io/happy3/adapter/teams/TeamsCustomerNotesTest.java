package io.happy3.adapter.teams;

import static io.happy3.adapter.teams.TeamsTestBed.AGENT;
import static io.happy3.adapter.teams.TeamsTestBed.CHANNEL;
import static io.happy3.adapter.teams.TeamsTestBed.CUSTOMER;
import static io.happy3.adapter.teams.TeamsTestBed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Customer notes through the real Teams endpoint: an @mention command in the channel, answered in the thread. */
class TeamsCustomerNotesTest {
    private final TeamsTestBed bed = new TeamsTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private String mentionCommand(String id, String from, String command) {
        bed.post("channel-mention-command.json", activity -> {
            activity.put("id", id);
            activity.withObjectProperty("from").put("id", from);
            activity.withObjectProperty("conversation").put("id", CHANNEL + ";messageid=" + id);
            activity.put("text", "<at>SupportCoach</at> " + command + " <at>Priya</at> migrating to SSO in Q1");
            ArrayNode entities = activity.putArray("entities");
            entities.addObject().put("type", "mention").put("text", "<at>SupportCoach</at>")
                    .putObject("mentioned").put("id", "28:bot-app-id").put("name", "SupportCoach");
            ObjectNode priya = entities.addObject().put("type", "mention").put("text", "<at>Priya</at>");
            priya.putObject("mentioned").put("id", CUSTOMER).put("name", "Priya");
        });
        bed.drainInbox();
        List<FakeBotConnector.Call> replies = bed.connector.calls("POST", "/v3/conversations/" + CHANNEL
                + ";messageid=" + id);
        return replies.get(replies.size() - 1).body().path("text").asText();
    }

    @Test
    void noteCommand_byAgent_isKeptForThatTenantAndAnswered() {
        String answer = mentionCommand("1700000000401", AGENT, "note");

        assertThat(answer).contains("Noted on", "migrating to SSO in Q1");
        assertThat(bed.engine.notes().latest(new UserRef(Platform.TEAMS, TENANT, CUSTOMER), 3))
                .extracting(CustomerNote::text).containsExactly("migrating to SSO in Q1");
    }

    @Test
    void notesCommand_byTheCustomer_isRefused() {
        mentionCommand("1700000000401", AGENT, "note");

        String answer = mentionCommand("1700000000402", CUSTOMER, "notes");

        assertThat(answer).contains("agents and leads only").doesNotContain("SSO");
    }
}
