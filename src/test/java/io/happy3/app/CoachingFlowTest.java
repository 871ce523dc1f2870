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
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.NudgeStatus;
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

/** The core loop through the real use cases, over in-memory stores, a fake gateway and a mutable clock. */
class CoachingFlowTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "UCUST");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");
    private static final UserRef BEN = new UserRef(Platform.SLACK, "T1", "UBEN");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-17T09:00:00Z"));
    private final RecordingChatGateway gateway = new RecordingChatGateway();
    private final InMemoryIssueStore issues = new InMemoryIssueStore();
    private final InMemoryNudgeStore nudges = new InMemoryNudgeStore();
    private final InMemoryProudMomentStore moments = new InMemoryProudMomentStore();
    private final Engine engine = new Engine(new Engine.Stores(issues, nudges, moments,
            new InMemoryChannelSettingsStore(), new InMemoryAgentPreferenceStore(), new InMemoryCustomerNoteStore(),
            new InMemoryDesiredResultStore(), new InMemoryCheckInStore()),
            PlaybookSource.of(List.of(TestPlaybooks.anyTime(List.of("C1"), Set.of("UANNA", "UBEN")))),
            AgentDirectory.none(), gateway, clock, ZoneOffset.UTC, "test");
    private int sequence;

    private void say(UserRef who, String messageId, String rootId, String text) {
        engine.router().route(new ChatEvent.MessagePosted("ev-" + (++sequence), new MessageRef(CHANNEL, messageId), who, false,
                Optional.ofNullable(rootId), text, clock.instant()));
    }

    private void after(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (clock.instant().isBefore(target)) {
            clock.advance(Duration.ofMinutes(1));
            engine.delivery().tick();
        }
    }

    private Issue issue() {
        return issues.find(IssueId.of(new MessageRef(CHANNEL, "m1"))).orElseThrow();
    }

    private Nudge delivered(String step) {
        return nudges.findByIssue(IssueId.of(new MessageRef(CHANNEL, "m1"))).stream()
                .filter(nudge -> nudge.stepId().value().equals(step) && nudge.sentAt().isPresent()).findFirst().orElseThrow();
    }

    @Test
    void customerWaits_firstResponseNudgeReachesEveryAgent() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");

        after(Duration.ofMinutes(11));

        assertThat(gateway.deliveredSteps()).containsExactlyInAnyOrder("first-response->UANNA",
                "first-response->UBEN");
        assertThat(gateway.delivered.get(0).text()).contains("has waited 10 min");
    }

    @Test
    void nudgesReachAnAgentInRoundsSecondsApart_inboxRefreshedOnceThenOnceMoreAfterTheInterval() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        clock.advance(Duration.ofSeconds(2));
        say(new UserRef(Platform.SLACK, "T1", "UCUST2"), "m9", null, "Invoices show the wrong VAT rate.");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));

        assertThat(engine.delivery().tick()).as("the first issue's nudges").isEqualTo(2);
        assertThat(gateway.refreshedInboxes).containsExactlyInAnyOrder(ANNA, BEN);
        clock.advance(Duration.ofSeconds(2));
        assertThat(engine.delivery().tick()).as("the second issue's nudges, 2 s later").isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        engine.delivery().tick();
        assertThat(gateway.refreshedInboxes).as("within the interval: no second rebuild").hasSize(2);

        clock.advance(DeliverDueNudges.INBOX_REFRESH.minusSeconds(4));
        engine.delivery().tick();

        assertThat(gateway.refreshedInboxes).as("a tick after the interval shows the second nudges too")
                .containsExactlyInAnyOrder(ANNA, BEN, ANNA, BEN);
        clock.advance(DeliverDueNudges.INBOX_REFRESH);
        engine.delivery().tick();
        assertThat(gateway.refreshedInboxes).as("nothing new, no rebuild").hasSize(4);
    }

    @Test
    void agentAnswersInTime_firstResponseNudgeIsCancelledNotSent() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        after(Duration.ofMinutes(4));
        say(ANNA, "m2", "m1", "Hi, looking into it now.");

        after(Duration.ofMinutes(20));

        assertThat(gateway.delivered).isEmpty();
        // "looking into it now" is also a promise (work under way, SIGNALS.md), whose promise-due nudge waits.
        assertThat(nudges.findByIssue(issue().id())).filteredOn(nudge -> nudge.stepId().value().equals("first-response"))
                .extracting(Nudge::status).isNotEmpty().containsOnly(NudgeStatus.CANCELLED);
    }

    @Test
    void fixClaimedButUnconfirmed_confirmNudgeGoesToTheIssueAgentOnly() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");

        after(Duration.ofHours(2).plusMinutes(1));

        assertThat(gateway.deliveredSteps()).containsExactly("confirm-result->UANNA");
        assertThat(issue().state()).isEqualTo(IssueState.RESOLUTION_PROPOSED);
    }

    @Test
    void customerConfirmsBeforeTheNudge_confirmNudgeIsCancelled() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        after(Duration.ofMinutes(30));
        say(CUSTOMER, "m3", "m1", "Works now, thank you!");

        after(Duration.ofHours(3));

        assertThat(gateway.deliveredSteps()).isEmpty();
        assertThat(issue().last(IssueEventType.CUSTOMER_CONFIRMED).orElseThrow().evidence())
                .contains(Evidence.CUSTOMER_WORDS);
    }

    @Test
    void agentPressesCustomerConfirmed_issueConfirmedAttestedAndFollowUpArrivesThreeDaysLater() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        after(Duration.ofHours(2).plusMinutes(1));
        Nudge confirm = delivered("confirm-result");

        engine.router().route(new ChatEvent.ActionChosen("press-1", ANNA, confirm.id().value(), "customer_confirmed",
                "", "reply", clock.instant()));
        after(Duration.ofDays(3).plusMinutes(1));

        assertThat(issue().state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(issue().last(IssueEventType.CUSTOMER_CONFIRMED).orElseThrow().evidence())
                .contains(Evidence.AGENT_ATTESTED);
        assertThat(gateway.answered).contains("confirm-result: Marked as confirmed by the customer (agent-attested).");
        assertThat(gateway.deliveredSteps()).containsExactly("confirm-result->UANNA", "follow-up->UANNA");
    }

    @Test
    void sameButtonPressedTwice_recordsTheAnswerOnce() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        after(Duration.ofHours(2).plusMinutes(1));
        String nudge = delivered("confirm-result").id().value();

        // "asked now" leaves the issue where it was, so only the nudge's own repeat guard keeps the second
        // press (a double click, a redelivered action) from recording a second request for confirmation.
        engine.router().route(new ChatEvent.ActionChosen("p1", ANNA, nudge, "asked_now", "", "r",
                clock.instant()));
        clock.advance(Duration.ofSeconds(5));
        engine.router().route(new ChatEvent.ActionChosen("p2", ANNA, nudge, "asked_now", "", "r",
                clock.instant()));

        assertThat(issue().events(IssueEventType.CONFIRMATION_ASKED)).hasSize(1);
        assertThat(gateway.answered).containsExactly("confirm-result: Noted: you asked the customer to confirm.",
                "confirm-result: Noted: you asked the customer to confirm.");
    }

    @Test
    void tenNudgesDueInOneTick_eachAgentGetsTheDailyCapAndTheRestWaitForTomorrow() {
        for (int i = 1; i <= 10; i++) {
            say(new UserRef(Platform.SLACK, "T1", "UCUST" + i), "q" + i, null, "Our export fails, case " + i + ".");
        }

        after(Duration.ofMinutes(11));

        // The test playbook caps nudges at 5 per agent per day; all ten fell due in the same tick.
        assertThat(gateway.deliveredSteps()).filteredOn("first-response->UANNA"::equals).hasSize(5);
        assertThat(gateway.deliveredSteps()).filteredOn("first-response->UBEN"::equals).hasSize(5);
        List<Nudge> waiting = nudges.findDueBetween("T1", clock.instant(), clock.instant().plus(Duration.ofDays(2)))
                .stream().filter(nudge -> nudge.status() == NudgeStatus.PENDING).toList();
        assertThat(waiting).hasSize(10)
                .allSatisfy(nudge -> assertThat(nudge.dueAt()).isEqualTo(Instant.parse("2026-11-18T00:00:00Z")));
    }

    @Test
    void tenNudgesDueAtOnce_deliveredToBothAgentsAtOnce_eachNudgeOnceAndTheDailyCapHolds() {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        engine.delivery().deliverWith(pool);
        for (int i = 1; i <= 10; i++) {
            say(new UserRef(Platform.SLACK, "T1", "UCUST" + i), "q" + i, null, "Our export fails, case " + i + ".");
        }
        clock.advance(Duration.ofMinutes(11));

        int delivered = engine.delivery().tickWhileDue(Duration.ofSeconds(30));

        assertThat(delivered).isEqualTo(10);
        assertThat(gateway.deliveredSteps()).filteredOn("first-response->UANNA"::equals).hasSize(5);
        assertThat(gateway.deliveredSteps()).filteredOn("first-response->UBEN"::equals).hasSize(5);
        assertThat(gateway.delivered).extracting(NudgeMessage::nudgeId).doesNotHaveDuplicates();
        pool.shutdown();
    }

    /** Thirty new issues in C1 whose first-response nudges to UANNA are all due now. */
    private Engine oneAgentWithThirtyNudgesDue() {
        Engine busy = new Engine(new Engine.Stores(issues, nudges, moments,
                new InMemoryChannelSettingsStore(), new InMemoryAgentPreferenceStore(), new InMemoryCustomerNoteStore(),
                new InMemoryDesiredResultStore(), new InMemoryCheckInStore()),
                PlaybookSource.of(List.of(TestPlaybooks.anyTime(List.of("C1"), Set.of("UANNA"), 100))),
                AgentDirectory.none(), gateway, clock, ZoneOffset.UTC, "test");
        for (int i = 1; i <= 30; i++) {
            busy.router().route(new ChatEvent.MessagePosted("ev-" + i, new MessageRef(CHANNEL, "q" + i),
                    new UserRef(Platform.SLACK, "T1", "UCUST" + i), false, Optional.empty(),
                    "Our export fails, case " + i + ".", clock.instant()));
        }
        clock.advance(Duration.ofMinutes(11));
        return busy;
    }

    @Test
    void thirtyNudgesDueAtOnceToOneAgent_arriveInMessagesOfAtMostTwelve_eachSentOnce() {
        Engine busy = oneAgentWithThirtyNudgesDue();

        assertThat(busy.delivery().tick()).isEqualTo(30);

        assertThat(gateway.deliverySizes).containsExactly(12, 12, 6);
        assertThat(gateway.delivered).extracting(NudgeMessage::nudgeId).doesNotHaveDuplicates().hasSize(30);
        assertThat(nudges.findDueBetween("T1", clock.instant().minus(Duration.ofDays(1)), clock.instant())
                .stream().filter(nudge -> nudge.status() == NudgeStatus.SENT)).hasSize(30);
    }

    @Test
    void leasesRenewedWhileARoundDelivers_theNudgesAlreadySentAreNotReportedAsTakenOver() {
        Engine busy = oneAgentWithThirtyNudgesDue();
        gateway.beforeEachDelivery = busy.delivery()::renewLeases; // the heartbeat, between the round's messages

        try (io.happy3.testing.CapturedLogs logs = new io.happy3.testing.CapturedLogs()) {
            assertThat(busy.delivery().tick()).isEqualTo(30);

            assertThat(logs.text()).doesNotContain("lost their lease");
        }
        assertThat(gateway.deliverySizes).containsExactly(12, 12, 6);
        assertThat(gateway.delivered).extracting(NudgeMessage::nudgeId).doesNotHaveDuplicates().hasSize(30);
    }

    @Test
    void quietForTheStalePeriod_sweepClosesTheIssueCancelsItsNudgesAndTheReviewCountsIt() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        after(Duration.ofMinutes(11));
        Nudge toAnna = nudges.findByIssue(issue().id()).stream().filter(nudge -> nudge.recipient().equals(ANNA))
                .findFirst().orElseThrow();
        engine.router().route(new ChatEvent.ActionChosen("s1", ANNA, toAnna.id().value(), "snooze", "customer", "r",
                clock.instant()));
        clock.set(Instant.parse("2026-11-20T09:00:00Z"));
        say(new UserRef(Platform.SLACK, "T1", "UCUST2"), "m9", null, "Invoices show the wrong VAT rate.");

        clock.set(Instant.parse("2026-11-24T09:12:00Z"));
        int closed = engine.quietIssues().sweep();

        assertThat(closed).isEqualTo(1);
        assertThat(issue().state()).isEqualTo(IssueState.STALE);
        assertThat(issue().last(IssueEventType.CLOSED_STALE).orElseThrow().at()).isEqualTo(clock.instant());
        assertThat(nudges.find(toAnna.id()).orElseThrow().status()).isEqualTo(NudgeStatus.CANCELLED);
        assertThat(issues.find(IssueId.of(new MessageRef(CHANNEL, "m9"))).orElseThrow().state()).isEqualTo(IssueState.OPEN);
        assertThat(engine.quietIssues().sweep()).as("closing twice records nothing new").isZero();
        assertThat(issue().events(IssueEventType.CLOSED_STALE)).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        String review = engine.review().answer(new ChatEvent.CommandInvoked("c1", CHANNEL, ANNA, "review", "",
                "reply", clock.instant()));
        assertThat(review).contains("Closed stale, unverified: *1*");
    }

    @Test
    void buttonPressFromAnotherWorkspace_isRefusedAndChangesNothing() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        after(Duration.ofHours(2).plusMinutes(1));
        Nudge nudge = delivered("confirm-result");
        UserRef stranger = new UserRef(Platform.SLACK, "T2OTHER", "UANNA"); // same user id, other workspace
        UserRef teamsTwin = new UserRef(Platform.TEAMS, "T1", "UANNA");

        engine.router().route(new ChatEvent.ActionChosen("x1", stranger, nudge.id().value(), "customer_confirmed",
                "", "r", clock.instant()));
        engine.router().route(new ChatEvent.ActionChosen("x2", teamsTwin, nudge.id().value(), "dismiss",
                "", "r", clock.instant()));

        assertThat(issue().events(IssueEventType.CUSTOMER_CONFIRMED)).isEmpty();
        assertThat(nudges.find(nudge.id()).orElseThrow().action()).isEmpty();
        assertThat(gateway.replies).filteredOn(text -> text.contains("no longer known")).hasSize(2);
    }

    @Test
    void replayedMessage_changesNothingTwice() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        int history = issue().history().size();
        int planned = nudges.findByIssue(issue().id()).size();

        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");

        assertThat(issue().history()).hasSize(history);
        assertThat(nudges.findByIssue(issue().id())).hasSize(planned);
    }

    @Test
    void platformRateLimits_nudgeWaitsRetryAfterThenArrivesOnce() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        gateway.failNext(ChatDeliveryException.rateLimited("429 from chat.postEphemeral", Duration.ofSeconds(90)));

        after(Duration.ofHours(2).plusMinutes(1));
        assertThat(gateway.delivered).isEmpty();
        after(Duration.ofMinutes(2));

        assertThat(gateway.deliveredSteps()).containsExactly("confirm-result->UANNA");
        assertThat(delivered("confirm-result").attempts()).isEqualTo(2);
    }

    @Test
    void platformRefusesForGood_nudgeEndsVisiblyFailed() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        gateway.failNext(ChatDeliveryException.permanentFailure("channel_not_found"));

        after(Duration.ofHours(2).plusMinutes(1));

        Nudge failed = nudges.findByIssue(issue().id()).stream()
                .filter(nudge -> nudge.stepId().value().equals("confirm-result")).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(NudgeStatus.FAILED);
        assertThat(failed.failure()).contains("channel_not_found");
    }

    @Test
    void snoozeUntilCustomerReplies_nudgeReturnsWhenTheCustomerWrites() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        after(Duration.ofMinutes(11));
        Nudge first = nudges.findByIssue(issue().id()).stream()
                .filter(nudge -> nudge.recipient().equals(BEN)).findFirst().orElseThrow();
        engine.router().route(new ChatEvent.ActionChosen("s1", BEN, first.id().value(), "snooze", "customer", "r",
                clock.instant()));
        assertThat(nudges.find(first.id()).orElseThrow().status()).isEqualTo(NudgeStatus.WAITING_FOR_CUSTOMER);

        say(CUSTOMER, "m3", "m1", "Hello? Anyone?");
        after(Duration.ofMinutes(1));

        assertThat(gateway.deliveredSteps()).filteredOn(step -> step.equals("first-response->UBEN")).hasSize(2);
    }

    @Test
    void customerThanks_botNominatesAProudMomentOncePerIssue() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "I deployed a fix, it should work now.");
        say(CUSTOMER, "m3", "m1", "Works now, thank you so much!");
        say(CUSTOMER, "m4", "m1", "Thanks again, really appreciated!");

        assertThat(moments.findBetween("T1", Instant.parse("2026-11-16T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z")))
                .singleElement()
                .satisfies(moment -> {
                    assertThat(moment.source()).isEqualTo(io.happy3.domain.review.ProudMoment.Source.CUSTOMER_GRATITUDE);
                    assertThat(moment.about()).contains(ANNA);
                    assertThat(moment.link()).contains("https://chat.example/C1/m1");
                });
    }

    @Test
    void conversationWithoutProudMoment_asksThePlatformForNoLink() {
        // Each link is a rate-limited Slack Web API call on the processing path: only a nomination needs one.
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(ANNA, "m2", "m1", "Looking into it now.");
        say(CUSTOMER, "m3", "m1", "It is still slow.");

        assertThat(gateway.permalinksAsked).isEmpty();

        say(CUSTOMER, "m4", "m1", "Thank you so much for the help!");

        assertThat(gateway.permalinksAsked).containsExactly(new MessageRef(CHANNEL, "m1"));
    }

    @Test
    void inboxCommand_pendingNudges_listsEachWithItsThreadsLink() {
        say(CUSTOMER, "m1", null, "Our export fails with a timeout.");
        say(CUSTOMER, "m9", null, "And the import is slow.");

        engine.router().route(new ChatEvent.CommandInvoked("c1", CHANNEL, ANNA, "happy3", "inbox", "reply-url",
                clock.instant()));

        assertThat(gateway.lastReply()).contains("first-response — pending https://chat.example/C1/m1")
                .contains("first-response — pending https://chat.example/C1/m9");
    }
}
