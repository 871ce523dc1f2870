package io.happy3.domain.review;


import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Computes the scorecard sections over one set of issues and nudges (the team's, or one agent's). */
final class SectionCalculator {
    static final Set<IssueEventType> AGENT_EVENTS = EnumSet.of(IssueEventType.AGENT_REPLIED, IssueEventType.RESOLUTION_PROPOSED, IssueEventType.PROMISE_MADE,
            IssueEventType.FOLLOWED_UP, IssueEventType.RESOLUTION_WITHDRAWN, IssueEventType.CONFIRMATION_ASKED);
    private static final Set<IssueEventType> LIFECYCLE = EnumSet.of(IssueEventType.RESOLUTION_PROPOSED, IssueEventType.CUSTOMER_CONFIRMED,
            IssueEventType.REOPENED, IssueEventType.FOLLOWED_UP, IssueEventType.RESOLUTION_WITHDRAWN, IssueEventType.CLOSED_STALE);

    private final ReviewWindow window;
    private final List<Issue> issues;
    private final List<Nudge> nudges;
    private final Map<PlaybookId, Playbook> playbooks;
    /** The nudges of each issue, and each issue's step occurrences once computed (two sections read them). */
    private final Map<IssueId, List<Nudge>> nudgesByIssue = new HashMap<>();
    private final Map<IssueId, List<StepOccurrence>> occurrences = new HashMap<>();

    SectionCalculator(ReviewWindow window, List<Issue> issues, List<Nudge> nudges, Map<PlaybookId, Playbook> playbooks) {
        this.window = window;
        this.issues = issues;
        this.nudges = nudges;
        this.playbooks = playbooks;
        nudges.forEach(nudge -> nudgesByIssue.computeIfAbsent(nudge.issueId(), id -> new ArrayList<>()).add(nudge));
    }

    static boolean active(Issue issue, ReviewWindow window) {
        if (window.contains(issue.openedAt())) {
            return true;
        }
        for (IssueEvent event : issue.history()) {
            if (window.contains(event.at())) {
                return true;
            }
        }
        return false;
    }

    static List<Nudge> sentNudges(List<Nudge> nudges) {
        return nudges.stream().filter(nudge -> nudge.status().delivered() || nudge.snoozes() > 0).toList();
    }

    int activeIssues() {
        return (int) issues.stream().filter(issue -> active(issue, window)).count();
    }

    Scorecard.Interaction interaction() {
        List<Duration> firstResponses = new ArrayList<>();
        int opened = 0;
        int messages = 0;
        int leftWaiting = 0;
        for (Issue issue : issues) {
            if (window.contains(issue.openedAt())) {
                opened++;
                issue.first(IssueEventType.AGENT_REPLIED).filter(reply -> window.known(reply.at()))
                        .ifPresent(reply -> firstResponses.add(Duration.between(issue.openedAt(), reply.at())));
            }
            Duration target = playbook(issue).map(Playbook::responseTarget).orElse(Playbook.DEFAULT_RESPONSE_TARGET);
            for (Instant message : customerMessages(issue)) {
                if (window.contains(message)) {
                    messages++;
                    if (leftWaiting(issue, message, target)) {
                        leftWaiting++;
                    }
                }
            }
        }
        return new Scorecard.Interaction(opened, firstResponses.size(), median(firstResponses), messages, leftWaiting);
    }

    Scorecard.Result result() {
        int inPlay = 0;
        int verified = 0;
        int attested = 0;
        int reopened = 0;
        int bounceBacks = 0;
        int cameBack = 0;
        int reopenBase = 0;
        int stale = 0;
        for (Issue issue : issues) {
            boolean resolution = hasInWindow(issue, IssueEventType.RESOLUTION_PROPOSED) || hasInWindow(issue, IssueEventType.CUSTOMER_CONFIRMED);
            List<Evidence> evidence = inWindow(issue, IssueEventType.CUSTOMER_CONFIRMED).stream()
                    .map(event -> event.evidence().orElseThrow()).toList();
            boolean isVerified = evidence.stream().anyMatch(Evidence::verified);
            boolean isReopened = hasInWindow(issue, IssueEventType.REOPENED);
            boolean isBounceBack = hasInWindow(issue, IssueEventType.BOUNCE_BACK);
            inPlay += resolution ? 1 : 0;
            verified += isVerified ? 1 : 0;
            attested += !isVerified && evidence.contains(Evidence.AGENT_ATTESTED) ? 1 : 0;
            reopened += isReopened ? 1 : 0;
            bounceBacks += isBounceBack ? 1 : 0;
            cameBack += isReopened || isBounceBack ? 1 : 0;
            reopenBase += resolution || isReopened || isBounceBack ? 1 : 0;
            stale += hasInWindow(issue, IssueEventType.CLOSED_STALE) ? 1 : 0;
        }
        return new Scorecard.Result(new Rate(verified, inPlay), attested, new Rate(cameBack, reopenBase), reopened,
                bounceBacks, stale);
    }

    Scorecard.After after() {
        int promisesDue = 0;
        int promisesKept = 0;
        int stepsDue = 0;
        int stepsDone = 0;
        int regressions = 0;
        for (Issue issue : issues) {
            for (IssueEvent promise : issue.events(IssueEventType.PROMISE_MADE)) {
                if (promise.due().isPresent() && window.contains(promise.due().get())) {
                    promisesDue++;
                    promisesKept += kept(issue, promise) ? 1 : 0;
                }
            }
            for (StepOccurrence occurrence : occurrences(issue)) {
                if (StepOccurrence.goal(occurrence.step()).equals(Optional.of(IssueEventType.FOLLOWED_UP))
                        && occurrence.step().when() != IssueEventType.PROMISE_MADE && window.contains(occurrence.dueAt())
                        && occurrence.settled(window.cutoff())) {
                    stepsDue++;
                    stepsDone += occurrence.happened() ? 1 : 0;
                }
            }
            regressions += regressionsCaught(issue);
        }
        return new Scorecard.After(new Rate(promisesKept + stepsDone, promisesDue + stepsDue),
                new Rate(promisesKept, promisesDue), regressions);
    }

    Scorecard.Consistency consistency() {
        int applicable = 0;
        int consistent = 0;
        Map<String, int[]> bySteps = new LinkedHashMap<>();
        for (Issue issue : issues) {
            List<StepOccurrence> due = occurrences(issue).stream()
                    .filter(occurrence -> window.contains(occurrence.dueAt()) && occurrence.settled(window.cutoff()))
                    .toList();
            if (due.isEmpty()) {
                continue;
            }
            applicable++;
            consistent += due.stream().allMatch(StepOccurrence::happened) ? 1 : 0;
            for (StepOccurrence occurrence : due) {
                int[] counts = bySteps.computeIfAbsent(occurrence.step().id().value(), id -> new int[2]);
                counts[0] += occurrence.happened() ? 1 : 0;
                counts[1]++;
            }
        }
        List<Scorecard.StepRate> steps = new ArrayList<>();
        bySteps.forEach((id, counts) -> steps.add(new Scorecard.StepRate(id, new Rate(counts[0], counts[1]))));
        return new Scorecard.Consistency(new Rate(consistent, applicable), steps);
    }

    Scorecard.NudgeAnalytics nudges() {
        Map<String, Scorecard.StepNudges> bySteps = new TreeMap<>();
        for (Nudge nudge : sentNudges(nudges)) {
            String key = nudge.playbookId() + "/" + nudge.stepId();
            Scorecard.StepNudges old = bySteps.getOrDefault(key,
                    new Scorecard.StepNudges(nudge.playbookId().value(), nudge.stepId().value(), 0, 0, 0, 0));
            bySteps.put(key, new Scorecard.StepNudges(old.playbookId(), old.stepId(), old.sent() + 1,
                    old.acted() + (nudge.status() == NudgeStatus.ACTED ? 1 : 0),
                    old.snoozed() + (nudge.snoozes() > 0 ? 1 : 0),
                    old.dismissed() + (nudge.status() == NudgeStatus.DISMISSED ? 1 : 0)));
        }
        List<Scorecard.StepNudges> steps = List.copyOf(bySteps.values());
        Optional<Scorecard.StepNudges> leastActed = steps.stream()
                .min(Comparator.comparingDouble((Scorecard.StepNudges step) -> (double) step.acted() / step.sent())
                        .thenComparing(Comparator.comparingInt(Scorecard.StepNudges::sent).reversed()));
        int undelivered = (int) nudges.stream().filter(nudge -> nudge.status() == NudgeStatus.FAILED).count();
        return new Scorecard.NudgeAnalytics(steps, leastActed, undelivered);
    }

    private Optional<Playbook> playbook(Issue issue) {
        return Optional.ofNullable(playbooks.get(issue.playbookId()));
    }

    private List<StepOccurrence> occurrences(Issue issue) {
        return occurrences.computeIfAbsent(issue.id(), id -> playbook(issue)
                .map(playbook -> StepOccurrence.of(issue, playbook, window,
                        nudgesByIssue.getOrDefault(id, List.of())))
                .orElse(List.of()));
    }

    private boolean hasInWindow(Issue issue, IssueEventType type) {
        for (IssueEvent event : issue.history()) {
            if (event.type() == type && window.contains(event.at())) {
                return true;
            }
        }
        return false;
    }

    private List<IssueEvent> inWindow(Issue issue, IssueEventType type) {
        List<IssueEvent> found = new ArrayList<>(2);
        for (IssueEvent event : issue.history()) {
            if (event.type() == type && window.contains(event.at())) {
                found.add(event);
            }
        }
        return found;
    }

    /**
     * The customer messages that wait for an answer: the opening one and every reply, except a reply that
     * confirms the fix or comes while the issue is confirmed ("all good, thanks!") — nobody owes it an answer.
     */
    private static List<Instant> customerMessages(Issue issue) {
        List<Instant> messages = new ArrayList<>();
        messages.add(issue.openedAt());
        boolean settled = false;
        for (IssueEvent event : issue.history()) {
            switch (event.type()) {
                case CUSTOMER_CONFIRMED, FOLLOWED_UP -> settled = true;
                case REOPENED, RESOLUTION_WITHDRAWN -> settled = false;
                case CUSTOMER_REPLIED -> {
                    boolean confirms = sameInstant(issue, event, IssueEventType.CUSTOMER_CONFIRMED);
                    boolean reopens = sameInstant(issue, event, IssueEventType.REOPENED);
                    if (!confirms && (!settled || reopens)) {
                        messages.add(event.at());
                    }
                }
                default -> {
                }
            }
        }
        return messages;
    }

    private static boolean sameInstant(Issue issue, IssueEvent message, IssueEventType type) {
        for (IssueEvent event : issue.history()) {
            if (event.type() == type && event.at().equals(message.at())) {
                return true;
            }
        }
        return false;
    }

    private boolean leftWaiting(Issue issue, Instant message, Duration target) {
        Instant deadline = message.plus(target);
        Optional<Instant> reply = issue.events(IssueEventType.AGENT_REPLIED).stream().map(IssueEvent::at)
                .filter(at -> at.isAfter(message) && window.known(at)).findFirst();
        return reply.map(at -> at.isAfter(deadline)).orElse(!deadline.isAfter(window.cutoff()));
    }

    private static boolean kept(Issue issue, IssueEvent promise) {
        Instant due = promise.due().orElseThrow();
        return issue.events(IssueEventType.AGENT_REPLIED).stream()
                .anyMatch(reply -> reply.at().isAfter(promise.at()) && !reply.at().isAfter(due));
    }

    private int regressionsCaught(Issue issue) {
        int caught = 0;
        Optional<IssueEventType> lastLifecycle = Optional.empty();
        for (IssueEvent event : issue.history()) {
            if (event.type() == IssueEventType.REOPENED && window.contains(event.at())
                    && lastLifecycle.equals(Optional.of(IssueEventType.FOLLOWED_UP))) {
                caught++;
            }
            if (LIFECYCLE.contains(event.type())) {
                lastLifecycle = Optional.of(event.type());
            }
        }
        return caught;
    }

    static Optional<Duration> median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return Optional.of(sorted.get(middle));
        }
        return Optional.of(sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2));
    }
}
