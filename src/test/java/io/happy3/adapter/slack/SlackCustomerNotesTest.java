package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.CUSTOMER;
import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /happy3 note} as Slack sends it: a signed slash command, answered privately through the response URL. */
class SlackCustomerNotesTest {
    private SlackHarness slack;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private String command(String triggerId, String text) {
        slack.fake.reset();
        assertThat(slack.post(slack.slashCommand(triggerId, "/happy3", text)).statusCode()).isEqualTo(200);
        slack.drain();
        return slack.fake.calls("/commands/1234/5678").get(0).body();
    }

    @Test
    void slashCommand_noteThenNotes_keepsAndListsTheNotePrivately() {
        String added = command("555.1.note", "note <@" + CUSTOMER + "|priya> prefers updates before 10am");

        assertThat(added).contains("\"response_type\":\"ephemeral\"", "Noted on <@" + CUSTOMER + ">");
        assertThat(command("555.2.notes", "notes <@" + CUSTOMER + ">")).contains("prefers updates before 10am");
        assertThat(slack.engine.notes().latest(new UserRef(Platform.SLACK, TEAM, CUSTOMER), 1))
                .extracting(CustomerNote::text).containsExactly("prefers updates before 10am");
    }
}
