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
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.testing.MutableClock;
import io.happy3.testing.RecordingChatGateway;
import io.happy3.testing.TestPlaybooks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The customer's desired result and notes, from the first nudge to the follow-up, through the engine. */
class DesiredResultFlowTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef PRIYA = new UserRef(Platform.SLACK, "T1", "UPRIYA");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-17T09:00:00Z"));
    private final RecordingChatGateway gateway = new RecordingChatGateway();
    private final InMemoryDesiredResultStore results = new InMemoryDesiredResultStore();
    private final Engine engine = new Engine(new Engine.Stores(new InMemoryIssueStore(), new InMemoryNudgeStore(),
            new InMemoryProudMomentStore(), new InMemoryChannelSettingsStore(), new InMemoryAgentPreferenceStore(),
            new InMemoryCustomerNoteStore(), results, new InMemoryCheckInStore()),
            PlaybookSource.of(List.of(TestPlaybooks.anyTime(List.of("C1"), Set.of("UANNA")))),
            AgentDirectory.none(), gateway, clock, ZoneOffset.UTC, "test");
    private int sequence;

    private void say(UserRef who, String messageId, String rootId, String text) {
        engine.router().route(new ChatEvent.MessagePosted("ev-" + (++sequence), new MessageRef(CHANNEL, messageId), who, false,
                Optional.ofNullable(rootId), text, clock.instant()));
    }

    private String command(String arguments) {
        engine.router().route(new ChatEvent.CommandInvoked("c-" + (++sequence), CHANNEL, ANNA, "happy3", arguments,
                "reply", clock.instant()));
        return gateway.lastReply();
    }

    private NudgeMessage nudgeAfter(Duration duration, String step) {
        Instant target = clock.instant().plus(duration);
        while (clock.instant().isBefore(target)) {
            clock.advance(Duration.ofMinutes(1));
            engine.delivery().tick();
        }
        return gateway.delivered.stream().filter(message -> message.stepId().value().equals(step)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + step + " nudge in " + gateway.deliveredSteps()));
    }

    @Test
    void firstResponse_noResultKnown_suggestsAskingForIt() {
        say(PRIYA, "m1", null, "Exports fail with error 500 since this morning.");

        assertThat(nudgeAfter(Duration.ofMinutes(11), "first-response").text())
                .contains("Ask for the result they need: \"What would 'working' look like for you — and by when "
                        + "do you need it?\"");
    }

    @Test
    void firstResponse_customerStatedTheResult_offersTheirSentence() {
        say(PRIYA, "m1", null, "Exports fail with error 500. We need the nightly export in finance by 8am!");

        assertThat(results.find(IssueId.of(new MessageRef(CHANNEL, "m1"))).orElseThrow().status())
                .isEqualTo(DesiredResult.Status.SUGGESTED);
        assertThat(nudgeAfter(Duration.ofMinutes(11), "first-response").text())
                .contains("wrote: \"We need the nightly export in finance by 8am\" — is that the result they need?");
    }

    @Test
    void recordedResult_confirmNudgeAsksAgainstItAndFollowUpAsksWhetherItHolds() {
        say(PRIYA, "m1", null, "Exports fail with error 500 since this morning.");
        command("note <@UPRIYA> prefers updates before 10am");
        assertThat(command("result <@UPRIYA|priya> the nightly export in finance by 8:00 by 2026-11-19"))
                .contains("Recorded: <@UPRIYA> needs the nightly export in finance by 8:00 (by Thu 19 Nov)");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");

        String confirm = nudgeAfter(Duration.ofHours(2).plusMinutes(1), "confirm-result").text();
        assertThat(confirm).contains("needs the nightly export in finance by 8:00 (by Thu 19 Nov). Has ",
                "confirmed *that* works?", "Last time: prefers updates before 10am");

        say(PRIYA, "m3", "m1", "Works now, thank you!");
        assertThat(nudgeAfter(Duration.ofDays(3).plusMinutes(1), "follow-up").text())
                .contains("Does the result still hold: the nightly export in finance by 8:00 (by Thu 19 Nov)?");
        assertThat(results.find(IssueId.of(new MessageRef(CHANNEL, "m1"))).orElseThrow().by()).contains(LocalDate.of(2026, 11, 19));

        engine.router().route(new ChatEvent.CommandInvoked("c-review", CHANNEL, ANNA, "review", "", "reply",
                clock.instant()));
        assertThat(gateway.lastReply()).contains("*The customer's result:* Desired result known for 1 of 1 issues; "
                + "1 confirmed against it.", "• UANNA: Desired result known for 1 of 1 issues; 1 confirmed");
    }

    @Test
    void result_badInput_explainsAndSavesNothing() {
        assertThat(command("result")).contains("Usage: /happy3 result @customer");
        assertThat(command("result <@UPRIYA> export by 2026-13-40")).contains("is not a date");
        assertThat(command("result <@UPRIYA> export works")).contains("has no open issue in this channel");
        assertThat(results.find(IssueId.of(new MessageRef(CHANNEL, "m1")))).isEmpty();
    }
}
