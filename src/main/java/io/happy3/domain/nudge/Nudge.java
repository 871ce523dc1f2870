package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
import java.time.Instant;
import java.util.Optional;

/**
 * A planned prompt to one agent about one issue, durable from the moment it is planned: the
 * {@link NudgePlan} (what was scheduled, never changes) and the {@link NudgeDelivery} (what has happened
 * since). The accessors below read through to either part.
 */
public record Nudge(NudgePlan plan, NudgeDelivery delivery) {
    public Nudge {
        requireNonNull(plan, "plan == null");
        requireNonNull(delivery, "delivery == null");
    }

    /** A new pending nudge; its id derives from {@code key}. */
    public static Nudge planned(NudgeKey key, ChannelRef channel, PlaybookId playbookId, Instant triggeredAt,
                                Instant dueAt, Instant expiresAt, Instant createdAt) {
        return new Nudge(new NudgePlan(key, channel, playbookId, triggeredAt, createdAt),
                NudgeDelivery.pending(dueAt, expiresAt));
    }

    public NudgeId id() {
        return plan.id();
    }

    public NudgeKey key() {
        return plan.key();
    }

    public IssueId issueId() {
        return plan.key().issue();
    }

    public ChannelRef channel() {
        return plan.channel();
    }

    public PlaybookId playbookId() {
        return plan.playbookId();
    }

    public StepId stepId() {
        return plan.key().stepId();
    }

    public UserRef recipient() {
        return plan.key().recipient();
    }

    public Instant triggeredAt() {
        return plan.triggeredAt();
    }

    public int repeat() {
        return plan.key().repeat();
    }

    public Instant createdAt() {
        return plan.createdAt();
    }

    public NudgeStatus status() {
        return delivery.status();
    }

    public Instant dueAt() {
        return delivery.dueAt();
    }

    public Instant expiresAt() {
        return delivery.expiresAt();
    }

    public int attempts() {
        return delivery.attempts();
    }

    public boolean late() {
        return delivery.late();
    }

    public Optional<Instant> sentAt() {
        return delivery.sentAt();
    }

    public Optional<String> action() {
        return delivery.action();
    }

    public Optional<String> failure() {
        return delivery.failure();
    }

    public int snoozes() {
        return delivery.snoozes();
    }

    public Nudge withStatus(NudgeStatus next) {
        return new Nudge(plan, delivery.with(d -> d.status = next));
    }

    public Nudge sent(Instant at, boolean wasLate) {
        return new Nudge(plan, delivery.with(d -> {
            d.status = NudgeStatus.SENT;
            d.attempts++;
            d.late = wasLate;
            d.sentAt = Optional.of(at);
            d.failure = Optional.empty();
        }));
    }

    /** A failed attempt: retried at {@code retryAt}, or {@link NudgeStatus#FAILED} when {@code retryAt} is empty. */
    public Nudge failedAttempt(String reason, Optional<Instant> retryAt) {
        return new Nudge(plan, delivery.with(d -> {
            d.status = retryAt.isPresent() ? NudgeStatus.PENDING : NudgeStatus.FAILED;
            d.dueAt = retryAt.orElse(d.dueAt);
            d.expiresAt = d.expiresAt.isBefore(d.dueAt) ? d.dueAt : d.expiresAt;
            d.attempts++;
            d.failure = Optional.of(reason);
        }));
    }

    public Nudge answered(String chosenAction, NudgeStatus next) {
        return new Nudge(plan, delivery.with(d -> {
            d.status = next;
            d.action = Optional.of(chosenAction);
        }));
    }

    /** Snoozed to {@code until}: pending again, with its expiry moved along so the snooze is honoured. */
    public Nudge snoozedUntil(Instant until, Instant newExpiry) {
        return snoozed(NudgeStatus.PENDING, until, newExpiry);
    }

    public Nudge waitingForCustomer() {
        return snoozed(NudgeStatus.WAITING_FOR_CUSTOMER, delivery.dueAt(), delivery.expiresAt());
    }

    private Nudge snoozed(NudgeStatus next, Instant until, Instant newExpiry) {
        return new Nudge(plan, delivery.with(d -> {
            d.status = next;
            d.dueAt = until;
            d.expiresAt = newExpiry;
            d.late = false;
            d.action = Optional.of("snooze");
            d.snoozes++;
        }));
    }

    public Nudge deferredTo(Instant newDue, Instant newExpiry) {
        return new Nudge(plan, delivery.with(d -> {
            d.dueAt = newDue;
            d.expiresAt = newExpiry;
        }));
    }
}
