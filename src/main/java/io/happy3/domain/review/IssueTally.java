package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One issue's share of one week's scorecard, as it stood at a cutoff: every count the scorecard sums, its first
 * response (for the median), its step occurrences (for the consistency section), the agent it belongs to, and
 * the first instant at which a later cutoff could change any of it ({@code validUntil}; empty when none can).
 * The numbers are those {@link ReviewCompiler#compile} computes for the issue alone, so a week's scorecard is the
 * fold of its issues' tallies ({@link ReviewCompiler#compileTallies}), kept per week instead of re-reading a
 * fortnight of histories per review.
 *
 * <p>{@code live}: the issue's playbook has a step with no goal event, whose occurrences count as done when one
 * of the week's nudges was acted on; such a tally is recomputed from the issue and the week's nudges when the
 * scorecard is built (its stored numbers are those without nudges).
 */
public record IssueTally(IssueId issueId, Instant openedAt, ChannelRef channel, Optional<UserRef> agent,
                         Optional<Duration> firstResponse, List<Scorecard.StepRate> steps, Optional<Instant> validUntil,
                         int[] counts) {
    public static final int ACTIVE = 0;
    public static final int OPENED = 1;
    public static final int MESSAGES = 2;
    public static final int LEFT_WAITING = 3;
    public static final int IN_PLAY = 4;
    public static final int VERIFIED = 5;
    public static final int ATTESTED = 6;
    public static final int REOPENED = 7;
    public static final int BOUNCE_BACKS = 8;
    public static final int CAME_BACK = 9;
    public static final int REOPEN_BASE = 10;
    public static final int STALE = 11;
    public static final int PROMISES_DUE = 12;
    public static final int PROMISES_KEPT = 13;
    public static final int STEPS_DUE = 14;
    public static final int STEPS_DONE = 15;
    public static final int REGRESSIONS = 16;
    public static final int APPLICABLE = 17;
    public static final int CONSISTENT = 18;
    public static final int EXCLUDED = 19;
    public static final int LIVE = 20;
    /** How many counts a tally has. */
    public static final int COUNTS = 21;

    public IssueTally {
        requireNonNull(issueId, "issueId == null");
        requireNonNull(openedAt, "openedAt == null");
        requireNonNull(channel, "channel == null");
        requireNonNull(agent, "agent == null");
        requireNonNull(firstResponse, "firstResponse == null");
        requireNonNull(validUntil, "validUntil == null");
        steps = List.copyOf(steps);
        if (counts.length != COUNTS) {
            throw new IllegalArgumentException("need " + COUNTS + " counts, got " + counts.length);
        }
        counts = counts.clone();
    }

    /** {@code issue}'s tally for {@code period} as it stood at {@code asOf} (the period's end for a past week). */
    public static IssueTally of(Issue issue, Map<PlaybookId, Playbook> playbooks, ReviewPeriod period, Instant asOf) {
        return of(issue, playbooks, ReviewWindow.of(period, asOf), List.of(), period.end());
    }

    static IssueTally of(Issue issue, Map<PlaybookId, Playbook> playbooks, ReviewWindow window, List<Nudge> nudges) {
        return of(issue, playbooks, window, nudges, window.cutoff());
    }

    /** {@code end}: the period's end, the latest cutoff the week is ever reviewed at (later instants never matter). */
    private static IssueTally of(Issue issue, Map<PlaybookId, Playbook> playbooks, ReviewWindow window,
                                 List<Nudge> nudges, Instant end) {
        int[] counts = new int[COUNTS];
        Optional<Playbook> playbook = Optional.ofNullable(playbooks.get(issue.playbookId()));
        Optional<Instant> validUntil = validUntil(issue, playbook, window.cutoff()).filter(at -> !at.isAfter(end));
        if (ReviewCompiler.excluded(issue)) {
            counts[EXCLUDED] = 1;
            return new IssueTally(issue.id(), issue.openedAt(), issue.channel(), Optional.empty(), Optional.empty(),
                    List.of(), validUntil, counts);
        }
        if (!window.known(issue.openedAt())) {
            return new IssueTally(issue.id(), issue.openedAt(), issue.channel(), Optional.empty(), Optional.empty(),
                    List.of(), validUntil, counts);
        }
        SectionCalculator alone = new SectionCalculator(window, List.of(issue), nudges, playbooks);
        counts[ACTIVE] = alone.activeIssues();
        Scorecard.Interaction interaction = alone.interaction();
        counts[OPENED] = interaction.issuesOpened();
        counts[MESSAGES] = interaction.customerMessages();
        counts[LEFT_WAITING] = interaction.leftWaiting();
        countOutcomes(counts, alone.result(), alone.after());
        Scorecard.Consistency consistency = alone.consistency();
        counts[CONSISTENT] = consistency.allStepsHappened().numerator();
        counts[APPLICABLE] = consistency.allStepsHappened().denominator();
        counts[LIVE] = playbook.map(IssueTally::dependsOnNudges).orElse(false) ? 1 : 0;
        return new IssueTally(issue.id(), issue.openedAt(), issue.channel(),
                ReviewCompiler.agentAt(issue, window.cutoff()), interaction.medianFirstResponse(),
                consistency.bySteps(), validUntil, counts);
    }

    /** The counts of the result (the second happy) and of what came after (the third). */
    private static void countOutcomes(int[] counts, Scorecard.Result result, Scorecard.After after) {
        counts[VERIFIED] = result.verifiedResolution().numerator();
        counts[IN_PLAY] = result.verifiedResolution().denominator();
        counts[ATTESTED] = result.agentAttested();
        counts[CAME_BACK] = result.reopenOrBounceBack().numerator();
        counts[REOPEN_BASE] = result.reopenOrBounceBack().denominator();
        counts[REOPENED] = result.reopened();
        counts[BOUNCE_BACKS] = result.bounceBacks();
        counts[STALE] = result.closedStale();
        counts[PROMISES_KEPT] = after.promisesKept().numerator();
        counts[PROMISES_DUE] = after.promisesKept().denominator();
        counts[STEPS_DONE] = after.followUps().numerator() - counts[PROMISES_KEPT];
        counts[STEPS_DUE] = after.followUps().denominator() - counts[PROMISES_DUE];
        counts[REGRESSIONS] = after.regressionsCaught();
    }

    /** A tally read back from storage. */
    public static IssueTally stored(IssueId issueId, Instant openedAt, ChannelRef channel, Optional<UserRef> agent,
                                    Optional<Duration> firstResponse, List<Scorecard.StepRate> steps,
                                    Optional<Instant> validUntil, int[] counts) {
        return new IssueTally(issueId, openedAt, channel, agent, firstResponse, steps, validUntil, counts);
    }

    public int count(int which) {
        return counts[which];
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    public boolean excluded() {
        return counts[EXCLUDED] == 1;
    }

    /** True when the stored numbers must be recomputed with the week's nudges (see the class comment). */
    public boolean live() {
        return counts[LIVE] == 1;
    }

    /** True when the tally adds nothing to any scorecard and no later cutoff can change that. */
    public boolean negligible() {
        return validUntil.isEmpty() && firstResponse.isEmpty() && steps.isEmpty()
                && Arrays.stream(counts).allMatch(count -> count == 0);
    }

    /** True when the tally, computed at {@code cutoff}, still holds at {@code later}. */
    public boolean holdsAt(Instant cutoff, Instant later) {
        return later.equals(cutoff) || !later.isBefore(cutoff) && validUntil.map(later::isBefore).orElse(true);
    }

    private static boolean dependsOnNudges(Playbook playbook) {
        return playbook.steps().stream().anyMatch(step -> StepOccurrence.goal(step).isEmpty());
    }

    /**
     * The first instant at or after {@code cutoff} that a comparison of the scorecard's definitions turns on: every
     * such comparison is between the cutoff and an event time, a promise's due time, a message's response deadline,
     * or a step's due or lapse time (all listed here, generously), so until then a later cutoff gives the same
     * numbers. Empty when there is none.
     */
    static Optional<Instant> validUntil(Issue issue, Optional<Playbook> playbook, Instant cutoff) {
        List<Instant> candidates = new ArrayList<>();
        candidates.add(issue.openedAt());
        for (IssueEvent event : issue.history()) {
            candidates.add(event.at());
            event.due().ifPresent(candidates::add);
        }
        Duration target = playbook.map(Playbook::responseTarget).orElse(Playbook.DEFAULT_RESPONSE_TARGET);
        int times = candidates.size();
        for (int index = 0; index < times; index++) {
            candidates.add(candidates.get(index).plus(target));
        }
        if (playbook.isPresent()) {
            Playbook book = playbook.get();
            for (Step step : book.steps()) {
                List<Instant> bases = new ArrayList<>();
                if (step.when() == IssueEventType.ISSUE_OPENED) {
                    bases.add(issue.openedAt());
                }
                for (IssueEvent trigger : issue.events(step.when())) {
                    bases.add(step.when() == IssueEventType.PROMISE_MADE ? trigger.due().orElse(trigger.at())
                            : trigger.at());
                }
                for (Instant base : bases) {
                    Instant due = base.plus(step.after());
                    Instant inHours = book.workingHours()
                            .map(hours -> hours.nextWindow(due, book.timezone().orElse(ZoneOffset.UTC))).orElse(due);
                    candidates.add(due);
                    candidates.add(inHours);
                    candidates.add(inHours.plus(step.expires()));
                }
            }
        }
        return candidates.stream().filter(at -> !at.isBefore(cutoff)).min(Instant::compareTo);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IssueTally that && issueId.equals(that.issueId) && openedAt.equals(that.openedAt)
                && channel.equals(that.channel) && agent.equals(that.agent) && firstResponse.equals(that.firstResponse)
                && steps.equals(that.steps) && validUntil.equals(that.validUntil) && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return issueId.hashCode() * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "IssueTally[" + issueId + " " + Arrays.toString(counts) + " " + firstResponse + " " + steps + " "
                + agent.map(UserRef::key).orElse("-") + " until " + validUntil.map(Instant::toString).orElse("-") + "]";
    }
}
