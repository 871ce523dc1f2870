package io.happy3.domain.nudge;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.AgentAnswer;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.WorkingHours;
import io.happy3.testing.TestPlaybooks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NudgePlannerTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "UCUST");
    private static final UserRef AGENT = new UserRef(Platform.SLACK, "T1", "UAGENT");
    private static final UserRef OTHER_AGENT = new UserRef(Platform.SLACK, "T1", "UOTHER");

    private final NudgePlanner planner = new NudgePlanner((user, playbook) -> BERLIN);
    private final Playbook anyTime = TestPlaybooks.anyTime(List.of("C1"), Set.of("UAGENT", "UOTHER"));
    private final Playbook office = TestPlaybooks.officeHours(List.of("C1"), Set.of("UAGENT"), BERLIN);

    private static Issue openedAt(Instant at) {
        Issue issue = Issue.open(new MessageRef(CHANNEL, "root"), CUSTOMER, PlaybookId.DEFAULT, at);
        return issue.record(IssueEvent.of(IssueEventType.ISSUE_OPENED, at, CUSTOMER, "root", "test"),
                IssueState.OPEN);
    }

    private static Issue proposedAt(Instant opened, Instant proposed) {
        return openedAt(opened)
                .record(IssueEvent.of(IssueEventType.AGENT_REPLIED, opened.plusSeconds(60), AGENT, "a1", "t"),
                        IssueState.ENGAGED)
                .record(IssueEvent.of(IssueEventType.RESOLUTION_PROPOSED, proposed, AGENT, "a2", "t"),
                        IssueState.RESOLUTION_PROPOSED);
    }

    private static Instant berlin(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), BERLIN).toInstant();
    }

    @Test
    void plan_issueOpened_nudgesEveryChannelAgentAfterTenMinutes() {
        Instant at = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(at);

        List<Nudge> nudges = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT, OTHER_AGENT), at);

        assertThat(nudges).extracting(Nudge::recipient).containsExactly(AGENT, OTHER_AGENT);
        assertThat(nudges).allSatisfy(nudge -> {
            assertThat(nudge.stepId().value()).isEqualTo("first-response");
            assertThat(nudge.dueAt()).isEqualTo(at.plus(Duration.ofMinutes(10)));
            assertThat(nudge.status()).isEqualTo(NudgeStatus.PENDING);
        });
        assertThat(nudges.get(0).key()).isNotEqualTo(nudges.get(1).key());
    }

    @Test
    void plan_sameEventPlannedTwice_producesTheSameKeys() {
        Instant at = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(at);

        List<Nudge> first = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), at);
        List<Nudge> again = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), at.plusSeconds(5));

        assertThat(again).extracting(Nudge::id).isEqualTo(first.stream().map(Nudge::id).toList());
    }

    @Test
    void plan_fixClaim_nudgesTheIssueAgentOnly() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = proposedAt(opened, opened.plusSeconds(600));

        List<Nudge> nudges = planner.plan(issue, List.of(issue.last(IssueEventType.RESOLUTION_PROPOSED)
                .orElseThrow()), anyTime, Set.of(AGENT, OTHER_AGENT), opened);

        assertThat(nudges).singleElement().satisfies(nudge -> {
            assertThat(nudge.recipient()).isEqualTo(AGENT);
            assertThat(nudge.stepId().value()).isEqualTo("confirm-result");
            assertThat(nudge.dueAt()).isEqualTo(opened.plusSeconds(600).plus(Duration.ofHours(2)));
        });
    }

    @Test
    void plan_promise_dueAtThePromisedTime() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Instant due = berlin("2026-11-18T17:00:00");
        Issue issue = openedAt(opened).record(IssueEvent.promise(opened.plusSeconds(60), AGENT, "a1", "t", due),
                IssueState.ENGAGED);

        List<Nudge> nudges = planner.plan(issue, List.of(issue.last(IssueEventType.PROMISE_MADE).orElseThrow()),
                anyTime, Set.of(AGENT), opened);

        assertThat(nudges).filteredOn(nudge -> nudge.stepId().value().equals("promise-due")).singleElement()
                .extracting(Nudge::dueAt).isEqualTo(due);
    }

    @Test
    void plan_dueFridayEvening_waitsForMondayMorning() {
        Instant opened = berlin("2026-11-20T17:55:00");
        Issue issue = openedAt(opened);

        Nudge nudge = planner.plan(issue, issue.history(), office, Set.of(AGENT), opened).get(0);

        assertThat(nudge.dueAt()).isEqualTo(berlin("2026-11-23T09:00:00"));
        assertThat(nudge.expiresAt()).isEqualTo(berlin("2026-11-24T09:00:00"));
    }

    @Test
    void plan_quietHoursAcrossDstChange_defersToNineLocalAfterTheChange() {
        // Berlin leaves summer time on Sunday 2026-10-25: Friday 18:00 is 16:00Z, Monday 09:00 is 08:00Z.
        Instant opened = berlin("2026-10-23T17:55:00");
        Issue issue = openedAt(opened);

        Nudge nudge = planner.plan(issue, issue.history(), office, Set.of(AGENT), opened).get(0);

        assertThat(nudge.dueAt()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(nudge.dueAt().atZone(BERLIN).getHour()).isEqualTo(9);
    }

    @Test
    void plan_agentInAnotherZone_usesTheAgentsWorkingHours() {
        NudgePlanner perAgent = new NudgePlanner((user, playbook) -> ZoneId.of("America/New_York"));
        Instant opened = Instant.parse("2026-11-17T12:00:00Z"); // 07:00 in New York
        Issue issue = openedAt(opened);

        Nudge nudge = perAgent.plan(issue, issue.history(), office, Set.of(AGENT), opened).get(0);

        assertThat(nudge.dueAt()).isEqualTo(Instant.parse("2026-11-17T14:00:00Z"));
    }

    @Test
    void plan_agentsOwnHours_winOverAPlaybookWithoutHours() {
        WorkingHours own = WorkingHours.parse("mon-fri 13-17");
        NudgePlanner perAgent = new NudgePlanner((user, playbook) -> BERLIN,
                (user, playbook) -> user.equals(AGENT) ? Optional.of(own) : playbook.workingHours());
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(opened);

        List<Nudge> planned = perAgent.plan(issue, issue.history(), anyTime, Set.of(AGENT, OTHER_AGENT), opened);

        assertThat(planned).filteredOn(nudge -> nudge.recipient().equals(AGENT)).singleElement()
                .satisfies(nudge -> assertThat(nudge.dueAt()).isEqualTo(berlin("2026-11-17T13:00:00")));
        assertThat(planned).filteredOn(nudge -> nudge.recipient().equals(OTHER_AGENT)).singleElement()
                .satisfies(nudge -> assertThat(nudge.dueAt()).isBefore(berlin("2026-11-17T11:00:00")));
        Nudge late = planned.stream().filter(nudge -> nudge.recipient().equals(AGENT)).findFirst().orElseThrow();
        assertThat(perAgent.decide(late, issue, anyTime, berlin("2026-11-17T17:30:00"), Optional.empty(), 0))
                .isInstanceOf(Decision.Defer.class);
    }

    @Test
    void decide_guardHolds_cancels() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), opened).get(0);
        Issue answered = issue.record(IssueEvent.of(IssueEventType.AGENT_REPLIED, opened.plusSeconds(120), AGENT,
                "a1", "t"), IssueState.ENGAGED);

        Decision decision = planner.decide(nudge, answered, anyTime, nudge.dueAt(), Optional.empty(), 0);

        assertThat(decision).isInstanceOf(Decision.Cancel.class);
    }

    @Test
    void decide_reopenedAfterConfirmation_cancelsTheFollowUp() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue confirmed = new IssueTracker().onAgentAnswer(openedAt(opened), AGENT, AgentAnswer.CUSTOMER_CONFIRMED,
                opened.plusSeconds(600)).orElseThrow().issue();
        Nudge followUp = planner.plan(confirmed, List.of(confirmed.last(IssueEventType.CUSTOMER_CONFIRMED)
                .orElseThrow()), anyTime, Set.of(AGENT), opened).get(0);
        Issue reopened = confirmed.record(IssueEvent.of(IssueEventType.REOPENED, opened.plus(Duration.ofDays(1)),
                CUSTOMER, "c5", "t"), IssueState.REOPENED);

        assertThat(planner.decide(followUp, reopened, anyTime, followUp.dueAt(), Optional.empty(), 0))
                .isInstanceOf(Decision.Cancel.class);
    }

    @Test
    void decide_dueAndUnanswered_sends_lateWhenCaughtUpAfterDowntime() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), opened).get(0);

        assertThat(planner.decide(nudge, issue, anyTime, nudge.dueAt(), Optional.empty(), 0))
                .isEqualTo(new Decision.Send(false));
        assertThat(planner.decide(nudge, issue, anyTime, nudge.dueAt().plus(Duration.ofHours(3)), Optional.empty(),
                0)).isEqualTo(new Decision.Send(true));
    }

    @Test
    void decide_pastExpiry_expires() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), opened).get(0);

        assertThat(planner.decide(nudge, issue, anyTime, nudge.expiresAt().plusSeconds(1), Optional.empty(), 0))
                .isInstanceOf(Decision.Expire.class);
    }

    @Test
    void decide_outsideWorkingHours_defersWithoutDropping() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), office, Set.of(AGENT), opened).get(0);

        Decision decision = planner.decide(nudge, issue, office, berlin("2026-11-17T19:30:00"), Optional.empty(), 0);

        assertThat(decision).isEqualTo(new Decision.Defer(berlin("2026-11-18T09:00:00"), "outside working hours"));
    }

    @Test
    void decide_muted_defersUntilTheMuteEnds() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), opened).get(0);
        Instant muteEnds = nudge.dueAt().plus(Duration.ofHours(2));

        Decision decision = planner.decide(nudge, issue, anyTime, nudge.dueAt(), Optional.of(muteEnds), 0);

        assertThat(decision).isEqualTo(new Decision.Defer(muteEnds, "recipient muted"));
    }

    @Test
    void decide_dailyCapReached_defersToTomorrow() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), opened).get(0);

        Decision decision = planner.decide(nudge, issue, anyTime, nudge.dueAt(), Optional.empty(),
                anyTime.maxNudgesPerAgentPerDay());

        assertThat(decision).isEqualTo(new Decision.Defer(berlin("2026-11-18T00:00:00"), "daily cap reached"));
    }

    @Test
    void repeat_stepWithMaxTwo_repeatsOnceThenStops() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = proposedAt(opened, opened.plusSeconds(600));
        Nudge first = planner.plan(issue, List.of(issue.last(IssueEventType.RESOLUTION_PROPOSED).orElseThrow()),
                anyTime, Set.of(AGENT), opened).get(0);
        Nudge sentFirst = first.sent(first.dueAt(), false);

        Nudge second = planner.repeat(sentFirst, issue, anyTime, first.dueAt()).orElseThrow();
        Nudge sentSecond = second.sent(second.dueAt(), false);

        assertThat(second.dueAt()).isEqualTo(first.dueAt().plus(Duration.ofHours(2)));
        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(planner.repeat(sentSecond, issue, anyTime, second.dueAt())).isEmpty();
    }

    @Test
    void snooze_forDuration_movesDueAndKeepsItAlive() {
        Instant opened = berlin("2026-11-17T10:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), opened).get(0);
        Instant now = nudge.dueAt();

        Nudge snoozed = planner.snooze(nudge.sent(now, false), new SnoozeChoice.For(Duration.ofHours(3)), anyTime,
                now);

        assertThat(snoozed.status()).isEqualTo(NudgeStatus.PENDING);
        assertThat(snoozed.dueAt()).isEqualTo(now.plus(Duration.ofHours(3)));
        assertThat(snoozed.expiresAt()).isAfter(snoozed.dueAt());
        assertThat(snoozed.snoozes()).isEqualTo(1);
    }

    @Test
    void snooze_untilTomorrow_isNineLocalNextDay() {
        Instant opened = berlin("2026-11-17T16:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), opened).get(0);

        Nudge snoozed = planner.snooze(nudge, new SnoozeChoice.TomorrowMorning(), anyTime, opened);

        assertThat(snoozed.dueAt()).isEqualTo(berlin("2026-11-18T09:00:00"));
    }

    @Test
    void snooze_untilCustomerReplies_waitsForTheCustomer() {
        Instant opened = berlin("2026-11-17T16:00:00");
        Issue issue = openedAt(opened);
        Nudge nudge = planner.plan(issue, issue.history(), anyTime, Set.of(AGENT), opened).get(0);

        Nudge snoozed = planner.snooze(nudge, new SnoozeChoice.UntilCustomerReplies(), anyTime, opened);

        assertThat(snoozed.status()).isEqualTo(NudgeStatus.WAITING_FOR_CUSTOMER);
    }

    @Test
    void snoozeChoice_parse_readsMenuValues() {
        assertThat(SnoozeChoice.parse("1h")).contains(new SnoozeChoice.For(Duration.ofHours(1)));
        assertThat(SnoozeChoice.parse("tomorrow")).contains(new SnoozeChoice.TomorrowMorning());
        assertThat(SnoozeChoice.parse("customer")).contains(new SnoozeChoice.UntilCustomerReplies());
        assertThat(SnoozeChoice.parse("soon")).isEmpty();
    }
}
