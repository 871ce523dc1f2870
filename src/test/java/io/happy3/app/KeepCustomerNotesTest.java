package io.happy3.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.InMemoryAgentPreferenceStore;
import io.happy3.adapter.memory.InMemoryChannelSettingsStore;
import io.happy3.adapter.memory.InMemoryCustomerNoteStore;
import io.happy3.adapter.memory.InMemoryCheckInStore;
import io.happy3.adapter.memory.InMemoryDesiredResultStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.memory.InMemoryProudMomentStore;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.testing.MutableClock;
import io.happy3.testing.RecordingChatGateway;
import io.happy3.testing.TestPlaybooks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeepCustomerNotesTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");
    private static final UserRef PRIYA = new UserRef(Platform.SLACK, "T1", "UPRIYA");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-17T09:00:00Z"));
    private final RecordingChatGateway gateway = new RecordingChatGateway();
    private final InMemoryCustomerNoteStore notes = new InMemoryCustomerNoteStore();
    private final Engine engine = new Engine(new Engine.Stores(new InMemoryIssueStore(), new InMemoryNudgeStore(),
            new InMemoryProudMomentStore(), new InMemoryChannelSettingsStore(), new InMemoryAgentPreferenceStore(),
            notes, new InMemoryDesiredResultStore(), new InMemoryCheckInStore()), PlaybookSource.of(List.of(TestPlaybooks.anyTime(List.of("C1"), Set.of("UANNA")))),
            AgentDirectory.none(), gateway, clock, ZoneOffset.UTC, "test");
    private int sequence;

    private String run(UserRef who, ChannelRef where, String arguments) {
        engine.router().route(new ChatEvent.CommandInvoked("c" + (++sequence), where, who, "happy3", arguments,
                "reply", clock.instant()));
        return gateway.lastReply();
    }

    private String run(UserRef who, String arguments) {
        return run(who, CHANNEL, arguments);
    }

    @Test
    void note_byAgent_isListedNewestFirstAndRecalledForNudges() {
        assertThat(run(ANNA, "note <@UPRIYA|priya> her team ships on Thursdays")).contains("Noted on <@UPRIYA>");
        clock.advance(Duration.ofDays(1));
        run(ANNA, "note <@UPRIYA> migrating to SSO in Q1");

        assertThat(run(ANNA, "notes <@UPRIYA>")).contains("Notes on <@UPRIYA>, newest first:")
                .containsSubsequence("migrating to SSO in Q1 — <@UANNA>, 18 Nov 2026", "her team ships on Thursdays");
        assertThat(engine.notes().latest(PRIYA, 1)).extracting(CustomerNote::text)
                .containsExactly("migrating to SSO in Q1");
    }

    @Test
    void note_editAndDelete_changeWhatIsListed() {
        String added = run(ANNA, "note <@UPRIYA> prefers updates before 10am");
        String id = added.substring(added.indexOf('`') + 1, added.indexOf('`', added.indexOf('`') + 1));

        assertThat(run(ANNA, "note edit " + id + " prefers updates before 9am")).contains("now reads: prefers "
                + "updates before 9am");
        assertThat(run(ANNA, "notes <@UPRIYA>")).contains("before 9am").doesNotContain("10am");

        assertThat(run(ANNA, "note delete " + id)).contains("Deleted note `" + id + "`");
        assertThat(run(ANNA, "notes <@UPRIYA>")).contains("No notes on <@UPRIYA> yet");
        assertThat(run(ANNA, "note delete " + id)).contains("No note `" + id + "` here");
    }

    @Test
    void note_byCustomer_isRefusedAndShowsNothing() {
        run(ANNA, "note <@UPRIYA> migrating to SSO in Q1");

        String answer = run(PRIYA, "notes <@UPRIYA>");

        assertThat(answer).contains("kept by this team's agents and leads only").doesNotContain("SSO");
        assertThat(run(PRIYA, "note <@UPRIYA> I am lovely")).contains("agents and leads only");
        assertThat(notes.findAbout("T1", PRIYA)).hasSize(1);
    }

    @Test
    void note_fromAnotherWorkspace_seesNoneOfThisWorkspacesNotes() {
        run(ANNA, "note <@UPRIYA> migrating to SSO in Q1");
        String added = gateway.lastReply();
        String id = added.substring(added.indexOf('`') + 1, added.indexOf('`', added.indexOf('`') + 1));
        UserRef otherAgent = new UserRef(Platform.SLACK, "T2", "UANNA");
        ChannelRef otherChannel = new ChannelRef(Platform.SLACK, "T2", "C1");

        assertThat(run(otherAgent, otherChannel, "notes <@UPRIYA>")).contains("No notes on <@UPRIYA> yet");
        assertThat(run(otherAgent, otherChannel, "note delete " + id)).contains("No note");
        assertThat(notes.findAbout("T1", PRIYA)).hasSize(1);
    }

    @Test
    void note_inADirectMessage_worksForAnAgentOfAFollowedChannel() {
        ChannelRef direct = new ChannelRef(Platform.SLACK, "T1", "D-ANNA");

        assertThat(run(ANNA, direct, "note <@UPRIYA> migrating to SSO in Q1")).contains("Noted on <@UPRIYA>");
    }

    @Test
    void note_badInput_explainsAndSavesNothing() {
        assertThat(run(ANNA, "note")).contains("/happy3 note @customer <text>");
        assertThat(run(ANNA, "note priya likes tea")).contains("/happy3 note @customer <text>");
        assertThat(run(ANNA, "note <@UPRIYA> " + "x".repeat(501))).contains("at most 500 characters",
                "Nothing was saved");
        assertThat(run(ANNA, "note edit")).contains("Usage: /happy3 note edit");
        assertThat(notes.findAbout("T1", PRIYA)).isEmpty();
    }

    @Test
    void note_redeliveredCommand_addsOneNote() {
        ChatEvent.CommandInvoked command = new ChatEvent.CommandInvoked("same", CHANNEL, ANNA, "happy3",
                "note <@UPRIYA> migrating to SSO in Q1", "reply", clock.instant());

        engine.router().route(command);
        engine.router().route(command);

        assertThat(notes.findAbout("T1", PRIYA)).hasSize(1);
    }
}
