package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.Transition;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgePlanner;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: keeps an issue's nudges in step with its history. After a recorded transition it schedules the
 * nudges the new events call for, cancels open ones whose guard now holds, wakes those snoozed until the
 * customer replied and marks sent ones acted upon when their goal happened. Scheduling is unique by key, so
 * planning the same events twice (a replayed message) never doubles a nudge.
 */
public final class PlanNudges {
    private static final Logger log = LoggerFactory.getLogger(PlanNudges.class);

    private final NudgeStore nudges;
    private final NudgePlanner planner;
    private final Clock clock;

    public PlanNudges(NudgeStore nudges, NudgePlanner planner, Clock clock) {
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.planner = requireNonNull(planner, "planner == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Plans and settles the nudges of {@code transition}'s issue in the followed channel {@code context}. */
    public void afterTransition(Transition transition, ChannelContext context) {
        Issue issue = transition.issue();
        Instant now = clock.instant();
        List<Nudge> scheduled = schedule(issue, transition.events(), context, now);
        for (Nudge nudge : scheduled) {
            log.debug("planned nudge {} step {} due {}", nudge.id(), nudge.stepId(), nudge.dueAt());
        }
        // An issue saved for the first time (version 0) has no nudges but those just scheduled: no need to read them.
        List<Nudge> open = issue.version() == 0 ? scheduled : nudges.findByIssue(issue.id());
        settleOpenNudges(open, issue, transition.recorded(IssueEventType.CUSTOMER_REPLIED), context, now);
    }

    /**
     * Plans once more the nudges of a message already recorded on {@code issue} (the inbox hands an entry over
     * again when its first run failed after the issue was saved): a nudge planned before is not doubled, and one
     * the failed run never stored is not lost.
     */
    public void replay(Issue issue, String messageId, ChannelContext context) {
        List<IssueEvent> recorded = issue.history().stream()
                .filter(event -> event.messageId().filter(messageId::equals).isPresent()).toList();
        for (Nudge nudge : schedule(issue, recorded, context, clock.instant())) {
            log.info("planned nudge {} (step {}) that an interrupted run of message {} had not stored",
                    nudge.id(), nudge.stepId(), messageId);
        }
    }

    /** Schedules the nudges {@code events} call for; returns those that were new. */
    private List<Nudge> schedule(Issue issue, List<IssueEvent> events, ChannelContext context, Instant now) {
        return nudges.scheduleAll(planner.plan(issue, events, context.playbook(), context.agents(), now));
    }

    /**
     * Of the issue's {@code stored} nudges, cancels those whose guard now holds and wakes those snoozed until the
     * customer replied; the changed nudges are written together.
     */
    private void settleOpenNudges(List<Nudge> stored, Issue issue, boolean customerWrote, ChannelContext context,
                                  Instant now) {
        List<Nudge> changed = new ArrayList<>();
        for (Nudge nudge : stored) {
            settled(nudge, issue, customerWrote, context, now).ifPresent(changed::add);
        }
        nudges.updateAll(changed);
    }

    /** {@code nudge}'s new state now that {@code issue} moved on, if it changes. */
    private Optional<Nudge> settled(Nudge nudge, Issue issue, boolean customerWrote, ChannelContext context,
                                    Instant now) {
        if (nudge.status() == NudgeStatus.SENT) {
            return doneByItsGoal(nudge, issue, context);
        }
        if (!nudge.status().open()) {
            return Optional.empty();
        }
        boolean guard = context.playbook().step(nudge.stepId())
                .map(step -> planner.guardHolds(step, issue, nudge.triggeredAt())).orElse(true);
        if (guard) {
            return Optional.of(nudge.withStatus(NudgeStatus.CANCELLED));
        }
        if (customerWrote && nudge.status() == NudgeStatus.WAITING_FOR_CUSTOMER) {
            Duration lifetime = Duration.between(nudge.dueAt(), nudge.expiresAt());
            return Optional.of(nudge.deferredTo(now, now.plus(lifetime)).withStatus(NudgeStatus.PENDING));
        }
        return Optional.empty();
    }

    /**
     * A delivered nudge whose goal then happened (the agent replied, the customer confirmed) was acted upon,
     * even if nobody pressed its button.
     */
    private static Optional<Nudge> doneByItsGoal(Nudge nudge, Issue issue, ChannelContext context) {
        return context.playbook().step(nudge.stepId()).flatMap(step -> step.unless())
                .filter(goal -> issue.happenedAfter(goal, nudge.sentAt().orElse(nudge.dueAt())))
                .map(goal -> nudge.answered("goal:" + goal.wireName(), NudgeStatus.ACTED));
    }
}
