package io.happy3.domain.review;

import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One time a playbook step applied to an issue: its trigger event happened at {@code triggeredAt}
 * and its wait ran out at {@code dueAt}. {@code happened} tells whether what the step asks for was
 * done (see {@link #goal(Step)}) between the trigger and the review's cutoff. A step that is not done
 * yet counts as missed only once its nudge's life is over ({@code lapsesAt}: due plus the step's
 * {@code expires}); until then the agent can still do it, so it is {@linkplain #settled(Instant) open}.
 */
record StepOccurrence(Step step, Instant triggeredAt, Instant dueAt, Instant lapsesAt, boolean happened) {

    /**
     * Every occurrence of {@code playbook}'s steps on {@code issue} whose trigger is known by {@code cutoff},
     * except those the planner never nudges for (see {@link #applies}); {@code nudges} may be all the review's
     * nudges or only the issue's (only those are looked at). Only the occurrences due in {@code window} are
     * returned (the only ones a scorecard counts): the others are not looked at further.
     */
    static List<StepOccurrence> of(Issue issue, Playbook playbook, ReviewWindow window, List<Nudge> nudges) {
        Instant cutoff = window.cutoff();
        List<StepOccurrence> occurrences = new ArrayList<>();
        for (Step step : playbook.steps()) {
            for (IssueEvent trigger : triggers(issue, step.when())) {
                if (!trigger.at().isBefore(cutoff) || !applies(issue, step, trigger)) {
                    continue;
                }
                Instant base = step.when() == IssueEventType.PROMISE_MADE ? trigger.due().orElse(trigger.at())
                        : trigger.at();
                // A step falls due when its nudge would: quiet hours (in the playbook's zone) move it along, so a
                // follow-up whose wait ends on a Saturday is due on Monday morning, not over the weekend.
                Instant due = base.plus(step.after());
                Instant inHours = playbook.workingHours()
                        .map(hours -> hours.nextWindow(due, playbook.timezone().orElse(java.time.ZoneOffset.UTC)))
                        .orElse(due);
                if (!window.contains(inHours)) {
                    continue;
                }
                boolean happened = happened(issue, step, trigger.at(), cutoff, nudges);
                if (happened || !movedOn(issue, step, trigger.at(), cutoff)) {
                    occurrences.add(new StepOccurrence(step, trigger.at(), inHours, inHours.plus(step.expires()),
                            happened));
                }
            }
        }
        return occurrences;
    }

    /** True when the step counts by {@code cutoff}: done, or its nudge's life over without it being done. */
    boolean settled(Instant cutoff) {
        return happened || !lapsesAt.isAfter(cutoff);
    }

    /**
     * False for a trigger the step does not apply to, as the planner sees it: a fix claim implied by the
     * customer's own confirmation (there is nothing left to confirm), and a customer message in an issue that
     * was confirmed at the time ("works now, thanks!" leaves nobody waiting).
     */
    private static boolean applies(Issue issue, Step step, IssueEvent trigger) {
        if (IssueTracker.IMPLIED_BY_CONFIRMATION.equals(trigger.rule())) {
            return false;
        }
        return step.when() != IssueEventType.CUSTOMER_REPLIED || !confirmedAt(issue, trigger.at());
    }

    /**
     * True when the issue moved past the step before the cutoff, so a step not done by then no longer can be:
     * a fix claim withdrawn or reopened (nothing to confirm), a confirmation undone by a reopen (no fix to
     * follow up on). The planner cancels those nudges.
     */
    private static boolean movedOn(Issue issue, Step step, Instant triggeredAt, Instant cutoff) {
        List<IssueEventType> moves = switch (step.when()) {
            case RESOLUTION_PROPOSED -> List.of(IssueEventType.REOPENED, IssueEventType.RESOLUTION_WITHDRAWN);
            case CUSTOMER_CONFIRMED -> List.of(IssueEventType.REOPENED);
            default -> List.of();
        };
        return issue.history().stream().anyMatch(event -> moves.contains(event.type())
                && event.at().isAfter(triggeredAt) && event.at().isBefore(cutoff));
    }

    /** True when the latest confirmation at or before {@code at} was not undone by a reopen before it. */
    private static boolean confirmedAt(Issue issue, Instant at) {
        Optional<IssueEvent> latest = issue.history().stream()
                .filter(event -> !event.at().isAfter(at))
                .filter(event -> event.type() == IssueEventType.CUSTOMER_CONFIRMED
                        || event.type() == IssueEventType.REOPENED)
                .reduce((first, second) -> second);
        return latest.filter(event -> event.type() == IssueEventType.CUSTOMER_CONFIRMED).isPresent();
    }

    /**
     * What a step is there to bring about: its {@code unless} event; else {@code followed_up} or
     * {@code customer_confirmed} when the step offers that action; else nothing (an acted-on nudge counts).
     */
    static Optional<IssueEventType> goal(Step step) {
        if (step.unless().isPresent()) {
            return step.unless();
        }
        if (step.actions().contains(NudgeAction.FOLLOWED_UP)) {
            return Optional.of(IssueEventType.FOLLOWED_UP);
        }
        if (step.actions().contains(NudgeAction.CUSTOMER_CONFIRMED)) {
            return Optional.of(IssueEventType.CUSTOMER_CONFIRMED);
        }
        return Optional.empty();
    }

    private static List<IssueEvent> triggers(Issue issue, IssueEventType when) {
        List<IssueEvent> events = issue.events(when);
        if (when == IssueEventType.ISSUE_OPENED && events.isEmpty()) {
            return List.of(IssueEvent.of(IssueEventType.ISSUE_OPENED, issue.openedAt(), issue.customer(),
                    issue.root().id(), "opened"));
        }
        return events;
    }

    private static boolean happened(Issue issue, Step step, Instant triggeredAt, Instant cutoff, List<Nudge> nudges) {
        Optional<IssueEventType> goal = goal(step);
        if (goal.isPresent()) {
            for (IssueEvent event : issue.history()) {
                if (event.type() == goal.get() && !event.at().isBefore(triggeredAt) && event.at().isBefore(cutoff)) {
                    return true;
                }
            }
            return false;
        }
        return nudges.stream().anyMatch(nudge -> nudge.issueId().equals(issue.id())
                && nudge.stepId().equals(step.id()) && nudge.status() == NudgeStatus.ACTED
                && !nudge.triggeredAt().isBefore(triggeredAt));
    }
}
