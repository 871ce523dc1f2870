package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.issue.AgentAnswer;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.NudgePlanner;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.nudge.SnoozeChoice;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.Step;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: an agent pressed a button on a nudge. Updates the issue (customer confirmed, not resolved,
 * followed up, ...), records the answer on the nudge, and updates the message in place. Pressing the
 * same button twice changes nothing twice.
 */
public final class AnswerNudge {
    private static final Logger log = LoggerFactory.getLogger(AnswerNudge.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    private final TeamDirectory team;
    private final IssueStore issues;
    private final NudgeStore nudges;
    private final ChatGateway gateway;
    private final RecordTransition record;
    private final IssueWriteLocks locks;
    private final NudgePlanner planner;
    private final NudgeRenderer renderer;
    private final IssueTracker tracker = new IssueTracker();
    private final Clock clock;

    /** The parts a button press needs; {@link Engine} builds them once. */
    public record Parts(RecordTransition record, IssueWriteLocks locks, NudgePlanner planner, NudgeRenderer renderer) {
    }

    public AnswerNudge(TeamDirectory team, IssueStore issues, NudgeStore nudges, ChatGateway gateway, Parts parts,
                       Clock clock) {
        this.team = requireNonNull(team, "team == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.record = requireNonNull(parts.record(), "record == null");
        this.locks = requireNonNull(parts.locks(), "locks == null");
        this.planner = requireNonNull(parts.planner(), "planner == null");
        this.renderer = requireNonNull(parts.renderer(), "renderer == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /**
     * Applies the button press; returns the outcome text shown to the agent. Runs as the only writer of the
     * nudge's issue ({@link IssueWriteLocks}), so two presses, or a press and a message,
     * never overwrite each other's changes.
     */
    public String answer(ChatEvent.ActionChosen chosen) {
        Optional<Nudge> known = nudges.find(new NudgeId(chosen.target()));
        return known.isEmpty() ? answerNow(chosen)
                : locks.serialised(known.get().issueId(), () -> answerNow(chosen));
    }

    private String answerNow(ChatEvent.ActionChosen chosen) {
        // A button names its nudge by id; a press from another workspace or platform answers as if the id were
        // unknown, so one tenant can neither change nor probe another's nudges.
        Optional<Nudge> found = nudges.find(new NudgeId(chosen.target()))
                .filter(nudge -> nudge.channel().platform() == chosen.user().platform()
                        && nudge.channel().tenant().equals(chosen.user().tenant()));
        Optional<NudgeAction> action = NudgeAction.fromWireName(chosen.action());
        if (found.isEmpty() || action.isEmpty()) {
            String text = found.isEmpty() ? "This nudge is no longer known." : "Unknown action " + chosen.action();
            gateway.reply(chosen.replyTo(), chosen.user(), text);
            return text;
        }
        Nudge nudge = found.get();
        Optional<Issue> issue = issues.find(nudge.issueId());
        Optional<Playbook> playbook = team.playbook(nudge.playbookId());
        if (issue.isEmpty() || playbook.isEmpty()) {
            gateway.reply(chosen.replyTo(), chosen.user(), "This issue is no longer followed.");
            return "This issue is no longer followed.";
        }
        if (nudge.action().filter(chosen.action()::equals).isPresent() && !nudge.status().open()
                && action.get() != NudgeAction.SNOOZE) {
            String repeated = outcome(action.get(), nudge);
            refresh(nudge, issue.get(), playbook.get(), repeated, chosen.replyTo());
            return repeated;
        }
        Nudge answered = apply(chosen, action.get(), nudge, issue.get(), playbook.get());
        nudges.update(answered);
        String text = outcome(action.get(), answered);
        log.info("nudge {} answered {} by {}", nudge.id(), chosen.action(), chosen.user().key());
        // Only an answer about the issue changed it: the others render the issue as read.
        Issue now = changesTheIssue(action.get()) ? issues.find(nudge.issueId()).orElse(issue.get()) : issue.get();
        refresh(answered, now, playbook.get(), text, chosen.replyTo());
        return text;
    }

    /** The nudge as {@code action} leaves it; an answer about the issue is recorded on the issue too. */
    private Nudge apply(ChatEvent.ActionChosen chosen, NudgeAction action, Nudge nudge, Issue issue,
                        Playbook playbook) {
        Instant now = clock.instant();
        return switch (action) {
            case SNOOZE -> snooze(nudge, playbook, chosen.value(), now);
            case SKIP, DISMISS -> nudge.answered(chosen.action(), NudgeStatus.DISMISSED);
            case ON_IT -> nudge.answered(chosen.action(), NudgeStatus.ACTED);
            case CUSTOMER_CONFIRMED, ASKED_NOW, NOT_RESOLVED, FOLLOWED_UP -> {
                AgentAnswer answer = AgentAnswer.valueOf(action.name());
                Optional<ChannelContext> context = team.followed(issue.channel());
                tracker.onAgentAnswer(issue, chosen.user(), answer, now)
                        .ifPresent(transition -> record.record(transition, context));
                yield nudge.answered(chosen.action(), NudgeStatus.ACTED);
            }
        };
    }

    private static boolean changesTheIssue(NudgeAction action) {
        return switch (action) {
            case SNOOZE, SKIP, DISMISS, ON_IT -> false;
            case CUSTOMER_CONFIRMED, ASKED_NOW, NOT_RESOLVED, FOLLOWED_UP -> true;
        };
    }

    private Nudge snooze(Nudge nudge, Playbook playbook, String value, Instant now) {
        SnoozeChoice choice = SnoozeChoice.parse(value).orElse(new SnoozeChoice.For(java.time.Duration.ofHours(1)));
        return planner.snooze(nudge, choice, playbook, now);
    }

    private String outcome(NudgeAction action, Nudge nudge) {
        ZoneId zone = team.zoneOf(nudge.recipient(), team.playbook(nudge.playbookId()));
        return switch (action) {
            case SNOOZE -> nudge.status() == NudgeStatus.WAITING_FOR_CUSTOMER
                    ? "Snoozed until the customer replies."
                    : "Snoozed until " + WHEN.format(nudge.dueAt().atZone(zone)) + ".";
            case SKIP -> "Skipped.";
            case DISMISS -> "Dismissed.";
            case ON_IT -> "You're on it.";
            case CUSTOMER_CONFIRMED -> "Marked as confirmed by the customer (agent-attested).";
            case ASKED_NOW -> "Noted: you asked the customer to confirm.";
            case NOT_RESOLVED -> "Noted: not resolved yet. The issue is open again.";
            case FOLLOWED_UP -> "Follow-up recorded. Thank you!";
        };
    }

    private void refresh(Nudge nudge, Issue issue, Playbook playbook, String outcome, String replyTo) {
        Optional<Step> step = playbook.step(nudge.stepId());
        if (step.isEmpty()) {
            return;
        }
        ZoneId zone = team.zoneOf(nudge.recipient(), Optional.of(playbook));
        NudgeMessage message = renderer.render(nudge, issue, step.get(), zone, nudge.late(), clock.instant());
        gateway.nudgeAnswered(message, outcome, replyTo);
    }
}
