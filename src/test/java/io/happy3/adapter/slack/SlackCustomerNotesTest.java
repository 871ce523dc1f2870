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

    @Test
    void confirmNudge_inSlack_asksAgainstTheRecordedResultAndRecallsTheNote() {
        String root = SlackHarness.ts(slack.clock.instant());
        slack.post(SlackHarness.message("Ev0001", CUSTOMER, root, null, "Exports fail with error 500"));
        slack.drain();
        command("555.1.note", "note <@" + CUSTOMER + "> migrating to SSO in Q1");
        command("555.2.result", "result <@" + CUSTOMER + "> the nightly export in finance by 8:00");
        slack.clock.advance(java.time.Duration.ofMinutes(12));
        slack.post(SlackHarness.message("Ev0002", SlackHarness.AGENT, SlackHarness.ts(slack.clock.instant()), root,
                "I've deployed a fix, it should work now."));
        slack.drain();

        slack.clock.advance(java.time.Duration.ofHours(2).plusMinutes(1));
        assertThat(slack.engine.delivery().tick()).isEqualTo(1);

        String text = slack.fake.calls("chat.postEphemeral").get(0).param("text");
        assertThat(text).contains("needs the nightly export in finance by 8:00. Has ", "confirmed *that* works?",
                "Last time: migrating to SSO in Q1");
    }
}
