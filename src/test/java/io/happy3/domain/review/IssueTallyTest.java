package io.happy3.domain.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.playbook.StepId;
import io.happy3.domain.issue.IssueEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scorecard folded from per-issue tallies is the scorecard computed from the issues themselves, on generated
 * histories: every number, the step order, the medians and the per-agent lines, for past weeks and for a week
 * in progress at several instants; and a tally computed at one cutoff still holds until its {@code validUntil}.
 */
public class IssueTallyTest {
    public static final ReviewPeriod WEEK = WeekFixture.W47;
    private static final List<UserRef> AGENTS = List.of(WeekFixture.ALICE, WeekFixture.BOB, WeekFixture.user("UCARA"));

    @Test
    void theFoldOfTalliesIsTheScorecardOfTheIssues() {
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            Map<PlaybookId, Playbook> playbooks = playbooks(random.nextBoolean());
            List<Issue> issues = issues(random, 40);
            List<Nudge> nudges = nudges(random, issues);
            for (ReviewPeriod period : List.of(WEEK.previous(), WEEK)) {
                for (Instant asOf : cutoffs(random, period)) {
                    Scorecard expected = ReviewCompiler.compile(period, issues, nudges, playbooks, asOf);
                    Scorecard folded = ReviewCompiler.compileTallies(period, asOf, tallies(issues, playbooks, period,
                            asOf), byId(issues), nudges, playbooks);
                    assertEquals(expected, folded, "seed " + seed + ", " + period + " at " + asOf);
                }
            }
        }
    }

    @Test
    void aTallyHoldsUntilItsValidUntil() {
        int checked = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            Map<PlaybookId, Playbook> playbooks = playbooks(false);
            for (Issue issue : issues(random, 30)) {
                Instant cutoff = WEEK.start().plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60)));
                IssueTally tally = IssueTally.of(issue, playbooks, WEEK, cutoff);
                Instant later = cutoff.plus(Duration.ofMinutes(1 + random.nextInt(3 * 24 * 60)));
                if (later.isBefore(WEEK.end()) && tally.holdsAt(cutoff, later)) {
                    IssueTally again = IssueTally.of(issue, playbooks, WEEK, later);
                    assertEquals(tally, again, "seed " + seed + " " + issue.id() + " from " + cutoff + " to " + later);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "too few tallies checked: " + checked);
    }

    static List<IssueTally> tallies(List<Issue> issues, Map<PlaybookId, Playbook> playbooks, ReviewPeriod period,
                                    Instant asOf) {
        return issues.stream().map(issue -> IssueTally.of(issue, playbooks, period, asOf))
                .filter(tally -> !tally.negligible()).toList();
    }

    private static Map<IssueId, Issue> byId(List<Issue> issues) {
        Map<IssueId, Issue> byId = new LinkedHashMap<>();
        issues.forEach(issue -> byId.put(issue.id(), issue));
        return byId;
    }

    private static List<Instant> cutoffs(Random random, ReviewPeriod period) {
        List<Instant> cutoffs = new ArrayList<>(List.of(period.end(), period.end().plus(Duration.ofDays(3))));
        for (int i = 0; i < 3; i++) {
            cutoffs.add(period.start().plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60))));
        }
        return cutoffs;
    }

    /** The fixture's playbook, with a step that has no goal event (done when its nudge is acted on) if asked. */
    public static Map<PlaybookId, Playbook> playbooks(boolean withGoallessStep) {
        Playbook base = WeekFixture.playbooks().get(PlaybookId.DEFAULT);
        List<Step> steps = new ArrayList<>(base.steps());
        steps.add(new Step(new StepId("promise-due"), IssueEventType.PROMISE_MADE,
                Optional.of(IssueEventType.AGENT_REPLIED), Duration.ZERO, Recipient.ISSUE_AGENT, "promised",
                List.of(NudgeAction.ON_IT), 1, Duration.ofHours(6)));
        if (withGoallessStep) {
            steps.add(new Step(new StepId("say-thanks"), IssueEventType.AGENT_REPLIED, Optional.empty(),
                    Duration.ofHours(1), Recipient.ISSUE_AGENT, "thank them", List.of(NudgeAction.ON_IT), 1,
                    Duration.ofHours(12)));
        }
        Playbook playbook = new Playbook(base.id(), base.source(), base.channels(), base.agents(), base.leads(),
                base.timezone(), base.workingHours(), base.signals(), steps, base.responseTarget(), base.staleAfter(),
                base.maxNudgesPerAgentPerDay(), base.checkIns());
        return Map.of(PlaybookId.DEFAULT, playbook);
    }

    /** Issues opened over three weeks before the end of {@link #WEEK}, each with a random conversation. */
    public static List<Issue> issues(Random random, int count) {
        List<Issue> issues = new ArrayList<>();
        Instant from = WEEK.start().minus(Duration.ofDays(14));
        for (int n = 0; n < count; n++) {
            UserRef customer = WeekFixture.user("UC" + random.nextInt(8));
            Instant at = from.plus(Duration.ofMinutes(random.nextInt(21 * 24 * 60)));
            WeekFixture.IssueBuilder issue = WeekFixture.issue("t" + n, customer, at);
            int events = random.nextInt(9);
            for (int e = 0; e < events; e++) {
                at = at.plus(Duration.ofMinutes(1 + random.nextInt(random.nextBoolean() ? 90 : 3 * 24 * 60)));
                UserRef agent = AGENTS.get(random.nextInt(AGENTS.size()));
                switch (random.nextInt(12)) {
                    case 0, 1, 2 -> issue.agentReplied(agent, at);
                    case 3, 4 -> issue.customerReplied(at);
                    case 5 -> issue.proposed(agent, at);
                    case 6 -> issue.confirmed(random.nextBoolean() ? customer : agent, at,
                            Evidence.values()[random.nextInt(Evidence.values().length)]);
                    case 7 -> issue.reopened(at);
                    case 8 -> issue.followedUp(agent, at);
                    case 9 -> issue.promise(agent, at, at.plus(Duration.ofHours(1 + random.nextInt(48))));
                    case 10 -> issue.bounceBack(at);
                    default -> {
                        if (random.nextInt(4) == 0) {
                            issue.rootDeleted(at);
                        } else {
                            issue.closedStale(at);
                        }
                    }
                }
            }
            issues.add(issue.build());
        }
        issues.sort(java.util.Comparator.comparing(Issue::openedAt).thenComparing(issue -> issue.id().value()));
        return issues;
    }

    public static List<Nudge> nudges(Random random, List<Issue> issues) {
        List<Nudge> nudges = new ArrayList<>();
        List<String> steps = List.of("first-response", "confirm-result", "follow-up", "say-thanks");
        for (Issue issue : issues) {
            for (int n = random.nextInt(3); n > 0; n--) {
                Instant triggered = issue.openedAt().plus(Duration.ofHours(random.nextInt(72)));
                Instant due = triggered.plus(Duration.ofHours(1));
                UserRef to = AGENTS.get(random.nextInt(AGENTS.size()));
                Nudge nudge = Nudge.planned(new NudgeKey(issue.id(), new StepId(steps.get(random.nextInt(steps.size()))),
                        0, n, to), issue.channel(), PlaybookId.DEFAULT, triggered, due, due.plus(Duration.ofDays(1)),
                        triggered);
                nudge = switch (random.nextInt(4)) {
                    case 0 -> nudge;
                    case 1 -> nudge.sent(due, false).answered("on_it", NudgeStatus.ACTED);
                    case 2 -> nudge.sent(due, false).answered("dismiss", NudgeStatus.DISMISSED);
                    default -> nudge.sent(due, false);
                };
                nudges.add(nudge);
            }
        }
        return nudges;
    }
}
