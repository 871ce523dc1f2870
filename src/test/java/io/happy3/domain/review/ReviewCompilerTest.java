package io.happy3.domain.review;

import static io.happy3.domain.review.WeekFixture.ALICE;
import static io.happy3.domain.review.WeekFixture.BOB;
import static io.happy3.domain.review.WeekFixture.W46;
import static io.happy3.domain.review.WeekFixture.W47;
import static io.happy3.domain.review.WeekFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.playbook.StepId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every number of the scorecard of WeekFixture, computed by hand from its events. */
class ReviewCompilerTest {
    private final Scorecard week = ReviewCompiler.compile(W47, WeekFixture.issues(), WeekFixture.nudges(),
            WeekFixture.playbooks());
    private final Scorecard previous = ReviewCompiler.compile(W46, WeekFixture.issues(), WeekFixture.nudges(),
            WeekFixture.playbooks());

    @Test
    void compile_fixtureWeek_countsActiveIssuesWithoutDeletedUnanswered() {
        // i1..i7 opened in W47, i9 closed stale in W47; i8 deleted before any reply; p1 had nothing in W47.
        assertThat(week.issues()).isEqualTo(8);
        assertThat(week.asOf()).isEqualTo(W47.end());
    }

    @Test
    void compile_fixtureWeek_interaction() {
        // first responses: i1 5m, i2 40m, i3 20m, i4 2m, i7 10m (i5, i6 unanswered) -> median 10m
        // customer messages: i1 1, i2 2, i3 2, i4 1, i5 1, i6 1, i7 1 = 9
        // left waiting (target 15m): i2 opening (40m), i3 opening (20m), i5 (unanswered, target passed Sat 22:15);
        // i6 (Sun 23:50) is unanswered but its target falls after the week's end
        assertThat(week.interaction()).isEqualTo(new Scorecard.Interaction(7, 5, Optional.of(Duration.ofMinutes(10)),
                9, 3));
    }

    @Test
    void compile_fixtureWeek_result() {
        // resolution proposed or confirmed in W47: i1, i2, i3; verified: i1 (words), i3 (reaction); i2 attested only
        // came back: i3 reopened, i7 bounced back -> 2 of {i1, i2, i3, i7}; i9 closed stale
        assertThat(week.result()).isEqualTo(new Scorecard.Result(new Rate(2, 3), 1, new Rate(2, 4), 1, 1, 1));
    }

    @Test
    void compile_fixtureWeek_after() {
        // promise i4 due Thu 12:00, agent replied Thu 11:00 -> kept
        // follow-up step due: i1 Thu 10:30 (done Thu 11:00), i2 Thu 12:30 (never), i3 Fri 10:00 (done Fri 10:00)
        // i3 reopened right after its follow-up -> one regression caught
        assertThat(week.after()).isEqualTo(new Scorecard.After(new Rate(3, 4), new Rate(1, 1), 1));
    }

    @Test
    void compile_fixtureWeek_consistency() {
        // i1 all done; i2 no follow-up; i3 second proposal (Fri 15:00) never confirmed; i4 done; i5 no reply;
        // i7 done; i6 and i9 had no step due in W47
        assertThat(week.consistency().allStepsHappened()).isEqualTo(new Rate(3, 6));
        assertThat(week.consistency().bySteps()).containsExactly(
                new Scorecard.StepRate("first-response", new Rate(5, 6)),
                new Scorecard.StepRate("confirm-result", new Rate(3, 4)),
                new Scorecard.StepRate("follow-up", new Rate(2, 3)));
    }

    @Test
    void compile_fixtureWeek_nudgeAnalyticsPerStep() {
        // cancelled (never sent), the deleted issue's nudge and last week's nudge are not counted
        assertThat(week.nudges().steps()).containsExactly(
                new Scorecard.StepNudges("default", "confirm-result", 1, 0, 0, 1),
                new Scorecard.StepNudges("default", "first-response", 3, 1, 1, 0),
                new Scorecard.StepNudges("default", "follow-up", 3, 2, 0, 1));
        assertThat(week.nudges().total()).isEqualTo(new Scorecard.StepNudges("*", "all steps", 7, 3, 1, 2));
        assertThat(week.nudges().leastActed().map(Scorecard.StepNudges::stepId)).contains("confirm-result");
    }

    @Test
    void compile_previousWeek_numbers() {
        // W46: p1 (alice, 30m, verified, followed up), i9 (bob, 10m, proposed, never confirmed)
        assertThat(previous.issues()).isEqualTo(2);
        assertThat(previous.interaction()).isEqualTo(new Scorecard.Interaction(2, 2,
                Optional.of(Duration.ofMinutes(20)), 2, 1));
        assertThat(previous.result()).isEqualTo(new Scorecard.Result(new Rate(1, 2), 0, new Rate(0, 2), 0, 0, 0));
        assertThat(previous.after()).isEqualTo(new Scorecard.After(new Rate(1, 1), Rate.NONE, 0));
        assertThat(previous.consistency().allStepsHappened()).isEqualTo(new Rate(1, 2));
        assertThat(previous.nudges().total()).isEqualTo(new Scorecard.StepNudges("*", "all steps", 1, 1, 0, 0));
    }

    @Test
    void compileWithPrevious_fixtureWeek_deltasAgainstLastWeek() {
        ScorecardComparison comparison = ReviewCompiler.compileWithPrevious(W47, WeekFixture.issues(),
                WeekFixture.nudges(), WeekFixture.playbooks(), W47.end());

        assertThat(delta(comparison, "issues")).isEqualTo(6.0);
        assertThat(delta(comparison, "interaction.median_first_response")).isEqualTo(-600.0);
        assertThat(delta(comparison, "interaction.left_waiting")).isEqualTo(2.0);
        assertThat(delta(comparison, "result.verified_resolution")).isCloseTo(2.0 / 3 - 0.5, within(1e-9));
        assertThat(delta(comparison, "result.agent_attested")).isEqualTo(1.0);
        assertThat(delta(comparison, "result.reopen_rate")).isEqualTo(0.5);
        assertThat(delta(comparison, "result.closed_stale")).isEqualTo(1.0);
        assertThat(delta(comparison, "after.follow_ups")).isEqualTo(-0.25);
        assertThat(comparison.change("after.promises_kept").orElseThrow().delta()).isEmpty();
        assertThat(delta(comparison, "consistency.all_steps")).isEqualTo(0.0);
        assertThat(delta(comparison, "nudges.total.sent")).isEqualTo(6.0);
        assertThat(delta(comparison, "nudges.step.default/first-response.sent")).isEqualTo(2.0);
        assertThat(comparison.change("nudges.step.default/follow-up.sent").orElseThrow().delta()).isEmpty();
    }

    @Test
    void compile_fixtureWeek_splitsPerAgent() {
        assertThat(week.agents()).extracting(AgentScore::agent).containsExactly(ALICE, BOB);

        AgentScore alice = week.agent(ALICE).orElseThrow();
        assertThat(alice.issues()).isEqualTo(3); // i1, i3, i7
        assertThat(alice.interaction()).isEqualTo(new Scorecard.Interaction(3, 3,
                Optional.of(Duration.ofMinutes(10)), 4, 1));
        assertThat(alice.result()).isEqualTo(new Scorecard.Result(new Rate(2, 2), 0, new Rate(2, 3), 1, 1, 0));
        assertThat(alice.after()).isEqualTo(new Scorecard.After(new Rate(2, 2), Rate.NONE, 1));
        assertThat(alice.consistency().allStepsHappened()).isEqualTo(new Rate(2, 3));
        assertThat(alice.nudges().total()).isEqualTo(new Scorecard.StepNudges("*", "all steps", 5, 2, 1, 1));
        // confirm-result 0/1 and first-response 0/2 tie on acted share; the one sent more often is named
        assertThat(alice.nudges().leastActed().map(Scorecard.StepNudges::stepId)).contains("first-response");

        AgentScore bob = week.agent(BOB).orElseThrow();
        assertThat(bob.issues()).isEqualTo(3); // i2, i4, i9
        assertThat(bob.interaction()).isEqualTo(new Scorecard.Interaction(2, 2,
                Optional.of(Duration.ofMinutes(21)), 3, 1));
        assertThat(bob.result()).isEqualTo(new Scorecard.Result(new Rate(0, 1), 1, new Rate(0, 1), 0, 0, 1));
        assertThat(bob.after()).isEqualTo(new Scorecard.After(new Rate(1, 2), new Rate(1, 1), 0));
        assertThat(bob.consistency().allStepsHappened()).isEqualTo(new Rate(1, 2));
        assertThat(bob.nudges().total()).isEqualTo(new Scorecard.StepNudges("*", "all steps", 2, 1, 0, 1));
    }

    @Test
    void agentChanges_agentBothWeeks_pairsTheirOwnNumbers() {
        ScorecardComparison comparison = new ScorecardComparison(week, previous);

        MetricChange verified = comparison.agentChanges(ALICE).stream()
                .filter(change -> change.current().key().equals("result.verified_resolution")).findFirst().orElseThrow();

        assertThat(verified.current().value()).hasValue(1.0);
        assertThat(verified.delta()).hasValue(0.0);
        assertThat(comparison.agentChanges(WeekFixture.user("UNOBODY"))).isEmpty();
    }

    @Test
    void teamOnly_anyScorecard_dropsAgentDetail() {
        assertThat(week.teamOnly().agents()).isEmpty();
        assertThat(week.teamOnly().metrics()).isEqualTo(week.metrics());
    }

    @Test
    void compile_weekInProgress_ignoresEventsAfterAsOf() {
        Scorecard partial = ReviewCompiler.compile(W47, WeekFixture.issues(), WeekFixture.nudges(),
                WeekFixture.playbooks(), at(17, "09:12"));

        // by Tue 09:12: i1, i2, i3 opened; i3 not yet answered but its 15-minute target has not passed
        assertThat(partial.interaction()).isEqualTo(new Scorecard.Interaction(3, 2,
                Optional.of(Duration.ofMillis((5 + 40) * 30_000L)), 4, 1));
        assertThat(partial.after().followUps()).isEqualTo(Rate.NONE);
        assertThat(partial.after().followUps().percent()).isEqualTo("n/a");
    }

    @Test
    void compile_noHistory_everyRateIsNotAvailable() {
        Scorecard empty = ReviewCompiler.compile(W47, List.of(), List.of(), Map.of());

        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.interaction().medianFirstResponse()).isEmpty();
        assertThat(empty.metrics()).filteredOn(metric -> metric.kind() != Metric.Kind.COUNT)
                .allSatisfy(metric -> assertThat(metric.value()).isEmpty());
        assertThat(empty.nudges().leastActed()).isEmpty();
    }

    @Test
    void compile_issueWithUnknownPlaybook_usesDefaultTargetAndNoSteps() {
        UserRef customer = WeekFixture.user("UC9");
        var issue = WeekFixture.issue("x1", customer, at(16, "09:00")).agentReplied(ALICE, at(16, "09:14")).build();
        var unknown = new io.happy3.domain.issue.Issue(issue.id(), issue.root(),
                issue.customer(), new PlaybookId("gone"), issue.state(), issue.openedAt(), issue.lastActivityAt(), issue.agent(),
                issue.history(), issue.version());

        Scorecard scorecard = ReviewCompiler.compile(W47, List.of(unknown), List.of(), WeekFixture.playbooks());

        assertThat(scorecard.interaction().leftWaiting()).isZero();
        assertThat(scorecard.consistency().allStepsHappened()).isEqualTo(Rate.NONE);
    }

    @Test
    void consistency_customersConfirmingReply_isNoStillWaitingStepToMiss() {
        // The sandbox's Priya: "Works now, thank you!" is a customer reply and a confirmation; the planner plans no
        // still-waiting nudge for it, so the review must not count a still-waiting step the agent skipped.
        UserRef customer = WeekFixture.user("UC8");
        var issue = WeekFixture.issue("s1", customer, at(16, "09:00")).agentReplied(ALICE, at(16, "09:05"))
                .proposed(ALICE, at(16, "09:12")).customerReplied(at(16, "09:13"))
                .confirmed(customer, at(16, "09:13"), Evidence.CUSTOMER_WORDS).build();

        Scorecard scorecard = ReviewCompiler.compile(W47, List.of(issue), List.of(), withStillWaiting(), at(17, "12:00"));

        assertThat(scorecard.consistency().bySteps()).extracting(Scorecard.StepRate::stepId)
                .doesNotContain("still-waiting");
        assertThat(scorecard.consistency().allStepsHappened()).isEqualTo(new Rate(1, 1));
    }

    @Test
    void consistency_followUpJustFallenDue_isOpenUntilItsNudgeLapses() {
        // Confirmed Mon 09:13: the follow-up falls due Thu 09:13 and its nudge lives one day (the default expiry).
        UserRef customer = WeekFixture.user("UC8");
        var issue = WeekFixture.issue("s2", customer, at(16, "09:00")).agentReplied(ALICE, at(16, "09:05"))
                .proposed(ALICE, at(16, "09:12")).confirmed(customer, at(16, "09:13"), Evidence.CUSTOMER_WORDS).build();

        Scorecard minuteLater = ReviewCompiler.compile(W47, List.of(issue), List.of(), WeekFixture.playbooks(),
                at(19, "09:14"));
        Scorecard dayLater = ReviewCompiler.compile(W47, List.of(issue), List.of(), WeekFixture.playbooks(),
                at(20, "09:14"));

        assertThat(minuteLater.after().followUps()).as("a minute after it fell due nobody skipped it yet")
                .isEqualTo(Rate.NONE);
        assertThat(minuteLater.consistency().allStepsHappened()).isEqualTo(new Rate(1, 1));
        assertThat(dayLater.after().followUps()).as("once its nudge lapsed undone it was skipped")
                .isEqualTo(new Rate(0, 1));
        assertThat(dayLater.consistency().allStepsHappened()).isEqualTo(new Rate(0, 1));
    }

    @Test
    void consistency_stepWithoutGoalEvent_happenedOnlyWhereItsNudgeWasActedOn() {
        // "check-back" asks for nothing the history shows: it happened when the agent acted on its nudge.
        UserRef customer = WeekFixture.user("UC9");
        var actedOn = WeekFixture.issue("g1", customer, at(16, "09:00")).agentReplied(ALICE, at(16, "09:05")).build();
        var ignored = WeekFixture.issue("g2", customer, at(16, "11:00")).agentReplied(ALICE, at(16, "11:05")).build();
        var nudge = io.happy3.domain.nudge.Nudge.planned(new io.happy3.domain.nudge.NudgeKey(actedOn.id(),
                        new StepId("check-back"), 0, 0, ALICE), WeekFixture.CHANNEL, PlaybookId.DEFAULT,
                at(16, "09:05"), at(16, "10:05"), at(17, "10:05"), at(16, "09:05")).sent(at(16, "10:05"), false)
                .answered("on_it", io.happy3.domain.nudge.NudgeStatus.ACTED);

        Scorecard scorecard = ReviewCompiler.compile(W47, List.of(actedOn, ignored), List.of(nudge), withCheckBack(),
                at(19, "12:00"));

        assertThat(scorecard.consistency().bySteps()).filteredOn(step -> step.stepId().equals("check-back"))
                .extracting(Scorecard.StepRate::happened).containsExactly(new Rate(1, 2));
        assertThat(scorecard.agent(ALICE).orElseThrow().consistency().bySteps())
                .filteredOn(step -> step.stepId().equals("check-back"))
                .extracting(Scorecard.StepRate::happened).containsExactly(new Rate(1, 2));
    }

    private static Map<PlaybookId, Playbook> withCheckBack() {
        Playbook base = WeekFixture.playbooks().get(PlaybookId.DEFAULT);
        Step checkBack = new Step(new StepId("check-back"), IssueEventType.AGENT_REPLIED, Optional.empty(),
                Duration.ofHours(1), Recipient.ISSUE_AGENT, "check back", List.of(NudgeAction.ON_IT), 1,
                Step.DEFAULT_EXPIRY);
        List<Step> steps = new java.util.ArrayList<>(base.steps());
        steps.add(checkBack);
        return Map.of(PlaybookId.DEFAULT, new Playbook(base.id(), base.source(), base.channels(), base.agents(),
                base.leads(), base.timezone(), base.workingHours(), base.signals(), steps, base.responseTarget(),
                base.staleAfter(), base.maxNudgesPerAgentPerDay(), base.checkIns()));
    }

    private static Map<PlaybookId, Playbook> withStillWaiting() {
        Playbook base = WeekFixture.playbooks().get(PlaybookId.DEFAULT);
        Step stillWaiting = new Step(new StepId("still-waiting"), IssueEventType.CUSTOMER_REPLIED,
                Optional.of(IssueEventType.AGENT_REPLIED), Duration.ofMinutes(15), Recipient.ISSUE_AGENT, "waiting",
                List.of(NudgeAction.ON_IT), 1, Step.DEFAULT_EXPIRY);
        List<Step> steps = new java.util.ArrayList<>(base.steps());
        steps.add(stillWaiting);
        return Map.of(PlaybookId.DEFAULT, new Playbook(base.id(), base.source(), base.channels(), base.agents(),
                base.leads(), base.timezone(), base.workingHours(), base.signals(), steps, base.responseTarget(),
                base.staleAfter(), base.maxNudgesPerAgentPerDay(), base.checkIns()));
    }

    private static double delta(ScorecardComparison comparison, String key) {
        return comparison.change(key).orElseThrow().delta().orElseThrow();
    }
}
