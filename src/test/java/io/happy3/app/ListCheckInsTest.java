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
import io.happy3.domain.playbook.CheckInRules;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.testing.MutableClock;
import io.happy3.testing.RecordingChatGateway;
import io.happy3.testing.TestPlaybooks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code /happy3 checkins}: the week's proactive list built by the playbook's {@code check_ins:} rules. */
class ListCheckInsTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef PRIYA = new UserRef(Platform.SLACK, "T1", "UPRIYA");
    private static final UserRef MARCO = new UserRef(Platform.SLACK, "T1", "UMARCO");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final RecordingChatGateway gateway = new RecordingChatGateway();
    private final InMemoryProudMomentStore moments = new InMemoryProudMomentStore();
    private final Engine engine = new Engine(new Engine.Stores(new InMemoryIssueStore(), new InMemoryNudgeStore(),
            moments, new InMemoryChannelSettingsStore(), new InMemoryAgentPreferenceStore(),
            new InMemoryCustomerNoteStore(), new InMemoryDesiredResultStore(), new InMemoryCheckInStore()),
            PlaybookSource.of(List.of(withCheckIns(TestPlaybooks.anyTime(List.of("C1"), Set.of("UANNA"))))),
            AgentDirectory.none(), gateway, clock, ZoneOffset.UTC, "test");
    private int sequence;

    private static Playbook withCheckIns(Playbook playbook) {
        return new Playbook(playbook.id(), playbook.source(), playbook.channels(), playbook.agents(),
                playbook.leads(), playbook.timezone(), playbook.workingHours(), playbook.signals(), playbook.steps(),
                playbook.responseTarget(), Duration.ofDays(60), playbook.maxNudgesPerAgentPerDay(),
                Optional.of(new CheckInRules(25, Optional.of(Duration.ofDays(21)),
                        List.of(Duration.ofDays(14), Duration.ofDays(30)), true)));
    }

    private void say(UserRef who, String messageId, String rootId, String text) {
        engine.router().route(new ChatEvent.MessagePosted("ev-" + (++sequence), new MessageRef(CHANNEL, messageId), who, false,
                Optional.ofNullable(rootId), text, clock.instant()));
    }

    private String command(String arguments) {
        engine.router().route(new ChatEvent.CommandInvoked("c-" + (++sequence), CHANNEL, ANNA, "happy3", arguments,
                "reply", clock.instant()));
        return gateway.lastReply();
    }

    @Test
    void checkins_twoWeeksAfterAConfirmedFixAndAQuietCustomer_listsBothWithReasonsAndNotes() {
        say(MARCO, "m1", null, "The dashboard is slow today.");
        say(ANNA, "m2", "m1", "Hi Marco, looking at it now.");
        clock.advance(Duration.ofDays(7));
        say(PRIYA, "p1", null, "Our CSV export fails with a timeout.");
        say(ANNA, "p2", "p1", "I deployed a fix, it should work now.");
        say(PRIYA, "p3", "p1", "Works now, thank you!");
        command("note <@UPRIYA> migrating to SSO in Q1");
        assertThat(command("checkins")).contains("No check-ins due this week (checked in 0 of your quota of 25)");

        clock.advance(Duration.ofDays(14));

        assertThat(command("checkins")).contains("Your check-ins this week (2 to do, checked in 0 of your quota of 25):",
                "• Checked in: <@UPRIYA> — confirmed the fix 14 days ago: is it still working?\n"
                        + "  Notes: migrating to SSO in Q1: /happy3 checkins",
                "• Checked in: <@UMARCO> — no conversation for 21 days: /happy3 checkins");
    }

    @Test
    void press_checkedInOnOneAndNewThreadToTheOther_bothLeaveTheListAndCountAgainstTheQuota() {
        say(MARCO, "m1", null, "The dashboard is slow today.");
        say(ANNA, "m2", "m1", "Hi Marco, looking at it now.");
        clock.advance(Duration.ofDays(7));
        say(PRIYA, "p1", null, "Our CSV export fails with a timeout.");
        say(ANNA, "p2", "p1", "I deployed a fix, it should work now.");
        say(PRIYA, "p3", "p1", "Works now, thank you!");
        clock.advance(Duration.ofDays(14));
        command("checkins");
        List<io.happy3.domain.nudge.ChatGateway.Choice> buttons = gateway.choices.get(0);
        assertThat(buttons).extracting(io.happy3.domain.nudge.ChatGateway.Choice::action)
                .containsExactly("checked_in", "snooze", "not_needed", "checked_in", "snooze", "not_needed");
        assertThat(buttons.get(0).label()).startsWith("Checked in: <@UPRIYA> — confirmed the fix 14 days ago");

        engine.router().route(new ChatEvent.ActionChosen("press-1", ANNA, buttons.get(0).target(), "checked_in", "",
                "reply", clock.instant()));
        assertThat(gateway.lastReply()).startsWith("Checked in with <@UPRIYA>.");
        say(ANNA, "t1", null, "Hi <@UMARCO>, how is the dashboard doing since we last spoke?");

        assertThat(command("checkins")).isEqualTo("No check-ins due this week (checked in 2 of your quota of 25).");
    }

    @Test
    void review_checkInThenTheCustomerThanks_doneAgainstQuotaWithTheFindingNominated() {
        say(PRIYA, "p1", null, "Our CSV export fails with a timeout.");
        say(ANNA, "p2", "p1", "I deployed a fix, it should work now.");
        say(PRIYA, "p3", "p1", "Works now!");
        clock.advance(Duration.ofDays(14));
        command("checkins");
        engine.router().route(new ChatEvent.ActionChosen("press-1", ANNA, gateway.choices.get(0).get(0).target(),
                "checked_in", "", "reply", clock.instant()));
        clock.advance(Duration.ofHours(2));
        say(PRIYA, "p4", "p1", "Thank you so much for checking in, it still works!");

        engine.router().route(new ChatEvent.CommandInvoked("c-review", CHANNEL, ANNA, "review", "", "reply",
                clock.instant()));
        String review = String.join("\n", gateway.replies);

        assertThat(review).contains("*Check-ins* (quota 25 per agent)\n• UANNA: 1 of 25 · found a thank-you (UPRIYA)");
        assertThat(moments.findBetween("T1", Instant.EPOCH, clock.instant().plusSeconds(1)))
                .filteredOn(moment -> moment.source() == io.happy3.domain.review.ProudMoment.Source.CHECK_IN)
                .extracting(io.happy3.domain.review.ProudMoment::text)
                .containsExactly("UANNA's check-in with UPRIYA brought a thank-you.");
    }

    @Test
    void checkins_byACustomer_isRefused() {
        engine.router().route(new ChatEvent.CommandInvoked("c-x", CHANNEL, PRIYA, "happy3", "checkins", "reply",
                clock.instant()));

        assertThat(gateway.lastReply()).contains("for this team's agents");
    }
}
