package io.happy3.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.app.ReviewTallies;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.review.IssueTallyTest;
import io.happy3.domain.review.ReviewCompiler;
import io.happy3.domain.review.ReviewPeriod;
import io.happy3.domain.review.Scorecard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The review's stored tallies give the scorecards computed from the stored issues themselves, while the issues
 * change under them: a week in progress reviewed again later, late events of a week already tallied (found by
 * {@code issues.review_from}, set by the issue's own save), a root deleted, new issues, and one channel's view.
 */
class ReviewTalliesTest extends StoreContract {
    private static final ReviewPeriod WEEK = IssueTallyTest.WEEK;
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef AGENT = new UserRef(Platform.SLACK, "T1", "UALICE");

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void talliedScorecardsEqualTheScorecardsOfTheStoredIssues(Backend backend) {
        scenario(backend, IssueTallyTest.playbooks(false));
    }

    /** With a step that has no goal event, every tally is live: recomputed with the week's nudges, never kept. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void talliedScorecardsWithLiveTalliesEqualTheScorecardsOfTheStoredIssues(Backend backend) {
        scenario(backend, IssueTallyTest.playbooks(true));
    }

    private void scenario(Backend backend, Map<PlaybookId, Playbook> playbooks) {
        Database database = backend.database().database();
        JdbcIssueStore issues = new JdbcIssueStore(database);
        JdbcReviewTallyStore store = new JdbcReviewTallyStore(database);
        Random random = new Random(7);
        List<Issue> generated = IssueTallyTest.issues(random, 80);
        generated.forEach(issues::save);
        List<Nudge> nudges = IssueTallyTest.nudges(random, generated);
        ReviewTallies tallies = new ReviewTallies(issues, store, () -> playbooks);

        Instant monday = WEEK.start().plus(Duration.ofHours(30));
        check(issues, tallies, playbooks, nudges, monday);
        check(issues, tallies, playbooks, nudges, monday.plus(Duration.ofDays(2)));

        // Late events: replies that happened last week, recorded only now; a root deleted; an issue opened now.
        int late = 0;
        for (Issue issue : issues.findActiveBetween("T1", WEEK.previous().previous().start(), WEEK.end())) {
            Instant at = WEEK.previous().start().plus(Duration.ofDays(4));
            if (issue.lastActivityAt().isBefore(at) && late < 8) {
                issues.save(issue.record(IssueEvent.of(IssueEventType.AGENT_REPLIED, at, AGENT, "late" + late,
                        "message"), issue.state()));
                late++;
            } else if (!issue.has(IssueEventType.AGENT_REPLIED) && !issue.has(IssueEventType.ROOT_DELETED)) {
                issues.save(issue.record(IssueEvent.of(IssueEventType.ROOT_DELETED, monday.plus(Duration.ofDays(2)),
                        null, null, "deleted"), issue.state()));
            }
        }
        assertThat(late).isPositive();
        Instant opened = monday.plus(Duration.ofDays(1));
        UserRef customer = new UserRef(Platform.SLACK, "T1", "UCNEW");
        issues.save(Issue.open(new MessageRef(CHANNEL, "fresh"), customer, PlaybookId.DEFAULT, opened)
                .record(IssueEvent.of(IssueEventType.ISSUE_OPENED, opened, customer, "fresh", "message"), IssueState.OPEN)
                .record(IssueEvent.of(IssueEventType.AGENT_REPLIED, opened.plus(Duration.ofMinutes(7)), AGENT, "r",
                        "message"), IssueState.ENGAGED));
        check(issues, tallies, playbooks, nudges, monday.plus(Duration.ofDays(2)));
        check(issues, tallies, playbooks, nudges, WEEK.end().plus(Duration.ofHours(1)));
    }

    /** The desired-result line counted without the week's histories equals the count over the week's issues. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void desiredResultCountsWithoutHistoriesEqualTheCountsOverTheIssues(Backend backend) {
        Database database = backend.database().database();
        JdbcIssueStore issues = new JdbcIssueStore(database);
        JdbcDesiredResultStore results = new JdbcDesiredResultStore(database);
        List<Issue> generated = IssueTallyTest.issues(new Random(11), 80);
        generated.forEach(issues::save);
        for (int index = 0; index < generated.size(); index += 3) {
            Issue issue = generated.get(index);
            results.save(io.happy3.domain.customer.DesiredResult.recorded(issue.id(), "T1", "works again",
                    Optional.empty(), AGENT, issue.openedAt().plus(Duration.ofMinutes(index))));
        }
        for (Optional<ChannelRef> scope : List.of(Optional.<ChannelRef>empty(), Optional.of(CHANNEL))) {
            List<Issue> week = scope.map(channel -> issues.findActiveBetween(channel, WEEK.start(), WEEK.end()))
                    .orElseGet(() -> issues.findActiveBetween("T1", WEEK.start(), WEEK.end()));
            Map<io.happy3.domain.issue.IssueId, io.happy3.domain.customer.DesiredResult> all = results.findAll(
                    week.stream().map(Issue::id).toList());
            var expected = io.happy3.domain.customer.DesiredResultCounts.of(week, id -> Optional.ofNullable(all.get(id)));
            var known = results.findOfIssuesActiveBetween("T1", scope, WEEK.start(), WEEK.end()).orElseThrow();
            var counted = io.happy3.domain.customer.DesiredResultCounts.of(
                    issues.countActiveBetweenByAgent("T1", scope, WEEK.start(), WEEK.end()),
                    issues.findAll(known.keySet()).values(), id -> Optional.ofNullable(known.get(id)));
            assertThat(counted).isEqualTo(expected);
            assertThat(expected.team().known()).isPositive();
        }
    }

    java.util.stream.Stream<Backend> databases() {
        return backends().filter(backend -> backend.database() != null);
    }

    private static void check(JdbcIssueStore issues, ReviewTallies tallies, Map<PlaybookId, Playbook> playbooks,
                              List<Nudge> nudges, Instant now) {
        Map<ReviewPeriod, Instant> weeks = new LinkedHashMap<>();
        weeks.put(WEEK, now.isBefore(WEEK.end()) ? now : WEEK.end());
        weeks.put(WEEK.previous(), WEEK.previous().end());
        for (Optional<ChannelRef> scope : List.of(Optional.<ChannelRef>empty(), Optional.of(CHANNEL))) {
            List<Scorecard> tallied = tallies.scorecards("T1", scope, weeks, nudges);
            List<Scorecard> expected = new ArrayList<>();
            weeks.forEach((period, asOf) -> expected.add(ReviewCompiler.compile(period, scope
                    .map(channel -> issues.findActiveBetween(channel, period.previous().start(), period.end()))
                    .orElseGet(() -> issues.findActiveBetween("T1", period.previous().start(), period.end())),
                    nudges, playbooks, asOf)));
            assertThat(tallied).as("at " + now + " in " + scope).isEqualTo(expected);
        }
    }
}
