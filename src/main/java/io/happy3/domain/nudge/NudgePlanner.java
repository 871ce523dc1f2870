package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.playbook.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans nudges from issue events and playbook steps, and decides at send time whether a due nudge
 * still goes out (DESIGN.md, "Nudges"). Pure and thread-safe; time and zones come in as arguments.
 */
public final class NudgePlanner {
    /** A nudge sent this long after it fell due is marked late. */
    public static final Duration LATE_AFTER = Duration.ofMinutes(2);
    /** Snoozing "until tomorrow" means this local time the next day. */
    public static final LocalTime TOMORROW_MORNING = LocalTime.of(9, 0);

    /** Each person's zone under a playbook: their own, else the playbook's, else the team's. */
    @FunctionalInterface
    public interface Zones {
        ZoneId of(UserRef user, Playbook playbook);
    }

    /** Each person's working hours under a playbook: their own, else the playbook's (none: any time). */
    @FunctionalInterface
    public interface Hours {
        Optional<WorkingHours> of(UserRef user, Playbook playbook);
    }

    private final Zones zones;
    private final Hours hours;

    /** A planner where everyone keeps the playbook's working hours. */
    public NudgePlanner(Zones zones) {
        this(zones, (user, playbook) -> playbook.workingHours());
    }

    /** One planner serves every playbook: {@code zones} and {@code hours} are asked per recipient and playbook. */
    public NudgePlanner(Zones zones, Hours hours) {
        this.zones = requireNonNull(zones, "zones == null");
        this.hours = requireNonNull(hours, "hours == null");
    }

    /**
     * The nudges the new events of a transition call for: one per matching step and recipient, due
     * {@code after} the trigger (the promise's due time for {@code promise_made}), moved into the
     * recipient's working hours. {@code channelAgents} are the agents of the issue's channel.
     */
    public List<Nudge> plan(Issue issue, List<IssueEvent> newEvents, Playbook playbook, Set<UserRef> channelAgents,
                            Instant now) {
        List<Nudge> planned = new ArrayList<>();
        for (IssueEvent event : newEvents) {
            if (!event.type().playbookEvent() || IssueTracker.IMPLIED_BY_CONFIRMATION.equals(event.rule())) {
                // A fix claim implied by the customer's own confirmation needs no "has the customer confirmed?".
                continue;
            }
            int occurrence = issue.events(event.type()).indexOf(event);
            for (Step step : playbook.steps()) {
                if (step.when() != event.type() || guardHolds(step, issue, event.at())) {
                    continue;
                }
                Instant base = event.type() == IssueEventType.PROMISE_MADE ? event.due().orElse(event.at()) : event.at();
                for (UserRef recipient : recipients(step, issue, channelAgents)) {
                    NudgeKey key = new NudgeKey(issue.id(), step.id(), Math.max(occurrence, 0), 0, recipient);
                    planned.add(nudge(key, issue, playbook, step, event.at(), base.plus(step.after()), now));
                }
            }
        }
        return planned;
    }

    /** The next repetition of a step that allows {@code max} > 1, after {@code sent} went out at {@code now}. */
    public Optional<Nudge> repeat(Nudge sent, Issue issue, Playbook playbook, Instant now) {
        Optional<Step> step = playbook.step(sent.stepId());
        if (step.isEmpty() || sent.repeat() + 1 >= step.get().max() || guardHolds(step.get(), issue,
                sent.triggeredAt())) {
            return Optional.empty();
        }
        Duration interval = step.get().after().isZero() ? Duration.ofHours(1) : step.get().after();
        return Optional.of(nudge(sent.key().nextRepeat(), issue, playbook, step.get(), sent.triggeredAt(),
                now.plus(interval), now));
    }

    private Nudge nudge(NudgeKey key, Issue issue, Playbook playbook, Step step, Instant triggeredAt, Instant due,
                        Instant now) {
        Instant inHours = inHours(key.recipient(), playbook, due, zones.of(key.recipient(), playbook));
        return Nudge.planned(key, issue.channel(), playbook.id(), triggeredAt, inHours, inHours.plus(step.expires()),
                now);
    }

    private static List<UserRef> recipients(Step step, Issue issue, Set<UserRef> channelAgents) {
        if (step.to() == Recipient.ISSUE_AGENT && issue.agent().isPresent()) {
            return List.of(issue.agent().get());
        }
        return channelAgents.stream().sorted((a, b) -> a.user().compareTo(b.user())).toList();
    }

    /**
     * Re-checks a due nudge at send time: cancelled when its guard now holds or the issue moved on,
     * expired past {@code expiresAt}, deferred while the agent is muted
     * or outside working hours or over their daily cap.
     */
    public Decision decide(Nudge nudge, Issue issue, Playbook playbook, Instant now, Optional<Instant> mutedUntil,
                           int sentToRecipientToday) {
        Optional<Step> step = playbook.step(nudge.stepId());
        if (step.isEmpty()) {
            return new Decision.Cancel("step " + nudge.stepId() + " is no longer in playbook " + playbook.id());
        }
        if (guardHolds(step.get(), issue, nudge.triggeredAt())) {
            return new Decision.Cancel("guard holds: " + step.get().unless().map(IssueEventType::wireName)
                    .orElse(issue.state().name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (now.isAfter(nudge.expiresAt())) {
            return new Decision.Expire("due " + nudge.dueAt() + ", expired " + nudge.expiresAt());
        }
        ZoneId zone = zones.of(nudge.recipient(), playbook);
        if (mutedUntil.filter(now::isBefore).isPresent()) {
            return new Decision.Defer(inHours(nudge.recipient(), playbook, mutedUntil.get(), zone), "recipient muted");
        }
        Optional<WorkingHours> window = hours.of(nudge.recipient(), playbook);
        if (window.isPresent() && !window.get().contains(now, zone)) {
            return new Decision.Defer(window.get().nextWindow(now, zone), "outside working hours");
        }
        if (sentToRecipientToday >= playbook.maxNudgesPerAgentPerDay()) {
            Instant tomorrow = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            return new Decision.Defer(inHours(nudge.recipient(), playbook, tomorrow, zone), "daily cap reached");
        }
        return new Decision.Send(now.isAfter(nudge.dueAt().plus(LATE_AFTER)));
    }

    /**
     * True when the step no longer applies: its {@code unless} event happened after the trigger, the
     * issue closed, or (implicit guards) a fix claim was withdrawn, a confirmation undone by a reopen, or a
     * customer wrote in an issue that is already confirmed.
     */
    public boolean guardHolds(Step step, Issue issue, Instant triggeredAt) {
        if (issue.state() == IssueState.STALE) {
            return true;
        }
        if (step.unless().filter(unless -> happenedSinceTrigger(issue, step, unless, triggeredAt)).isPresent()) {
            return true;
        }
        return switch (step.when()) {
            case RESOLUTION_PROPOSED -> issue.happenedAfter(IssueEventType.REOPENED, triggeredAt)
                    || issue.happenedAfter(IssueEventType.RESOLUTION_WITHDRAWN, triggeredAt);
            case CUSTOMER_CONFIRMED, FOLLOWED_UP -> issue.happenedAfter(IssueEventType.REOPENED, triggeredAt);
            // A customer writing in a confirmed issue ("all good, thanks!") is not waiting for an answer.
            case CUSTOMER_REPLIED -> issue.state() == IssueState.CONFIRMED || issue.state() == IssueState.FOLLOWED_UP;
            default -> false;
        };
    }

    /**
     * True when {@code unless} happened after the trigger: later, or at the same instant in another message
     * (a fast reply), but not as part of the triggering message itself ("I'll get back to you by 5" is both
     * an agent reply and the promise it would cancel).
     */
    private static boolean happenedSinceTrigger(Issue issue, Step step, IssueEventType unless, Instant triggeredAt) {
        Optional<String> triggerMessage = issue.history().stream()
                .filter(event -> event.type() == step.when() && event.at().equals(triggeredAt))
                .findFirst().flatMap(IssueEvent::messageId);
        return issue.history().stream().anyMatch(event -> event.type() == unless
                && (event.at().isAfter(triggeredAt)
                || event.at().equals(triggeredAt) && !event.messageId().equals(triggerMessage)));
    }

    /** Applies a snooze: the nudge waits, and every path that could send it honours the wait. */
    public Nudge snooze(Nudge nudge, SnoozeChoice choice, Playbook playbook, Instant now) {
        ZoneId zone = zones.of(nudge.recipient(), playbook);
        if (choice instanceof SnoozeChoice.UntilCustomerReplies) {
            return nudge.waitingForCustomer();
        }
        Instant until = choice instanceof SnoozeChoice.For forDuration
                ? now.plus(forDuration.duration())
                : now.atZone(zone).toLocalDate().plusDays(1).atTime(TOMORROW_MORNING).atZone(zone).toInstant();
        Duration lifetime = Duration.between(nudge.dueAt(), nudge.expiresAt());
        Instant due = inHours(nudge.recipient(), playbook, until, zone);
        return nudge.snoozedUntil(due, due.plus(lifetime));
    }

    private Instant inHours(UserRef recipient, Playbook playbook, Instant at, ZoneId zone) {
        return hours.of(recipient, playbook).map(window -> window.nextWindow(at, zone)).orElse(at);
    }
}
