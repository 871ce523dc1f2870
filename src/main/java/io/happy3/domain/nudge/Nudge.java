package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.util.Optional;

/**
 * A planned prompt to one agent about one issue, durable from the moment it is planned. {@code key}
 * is the idempotency key {@code issue/step/occurrence/repeat/recipient}: at most one nudge exists per
 * key, across restarts and replicas. {@code triggeredAt} is when the step's trigger happened; the
 * step's guard is checked against events after it. {@code action} is the answer the agent chose.
 */
public record Nudge(NudgeId id, String key, IssueId issueId, ChannelRef channel, String playbookId, String stepId,
                    UserRef recipient, Instant triggeredAt, Instant dueAt, Instant expiresAt, int repeat,
                    NudgeStatus status, int attempts, boolean late, Optional<Instant> sentAt,
                    Optional<String> action, Optional<String> failure, int snoozes, Instant createdAt) {
    public Nudge {
        requireNonNull(id, "id == null");
        requireNonNull(key, "key == null");
        requireNonNull(issueId, "issueId == null");
        requireNonNull(channel, "channel == null");
        requireNonNull(playbookId, "playbookId == null");
        requireNonNull(stepId, "stepId == null");
        requireNonNull(recipient, "recipient == null");
        requireNonNull(triggeredAt, "triggeredAt == null");
        requireNonNull(dueAt, "dueAt == null");
        requireNonNull(expiresAt, "expiresAt == null");
        requireNonNull(status, "status == null");
        requireNonNull(sentAt, "sentAt == null");
        requireNonNull(action, "action == null");
        requireNonNull(failure, "failure == null");
        requireNonNull(createdAt, "createdAt == null");
    }

    /** A new pending nudge; its id derives from {@code key}. */
    public static Nudge planned(String key, IssueId issueId, ChannelRef channel, String playbookId, String stepId,
                                UserRef recipient, Instant triggeredAt, Instant dueAt, Instant expiresAt, int repeat,
                                Instant createdAt) {
        return new Nudge(NudgeId.forKey(key), key, issueId, channel, playbookId, stepId, recipient, triggeredAt,
                dueAt, expiresAt, repeat, NudgeStatus.PENDING, 0, false, Optional.empty(), Optional.empty(),
                Optional.empty(), 0, createdAt);
    }

    public Nudge withStatus(NudgeStatus next) {
        return new Nudge(id, key, issueId, channel, playbookId, stepId, recipient, triggeredAt, dueAt, expiresAt,
                repeat, next, attempts, late, sentAt, action, failure, snoozes, createdAt);
    }

    public Nudge sent(Instant at, boolean wasLate) {
        return new Nudge(id, key, issueId, channel, playbookId, stepId, recipient, triggeredAt, dueAt, expiresAt,
                repeat, NudgeStatus.SENT, attempts + 1, wasLate, Optional.of(at), action, Optional.empty(), snoozes,
                createdAt);
    }

    /** A failed attempt: retried at {@code retryAt}, or {@link NudgeStatus#FAILED} when {@code retryAt} is empty. */
    public Nudge failedAttempt(String reason, Optional<Instant> retryAt) {
        NudgeStatus next = retryAt.isPresent() ? NudgeStatus.PENDING : NudgeStatus.FAILED;
        return new Nudge(id, key, issueId, channel, playbookId, stepId, recipient, triggeredAt,
                retryAt.orElse(dueAt), expiresAt.isBefore(retryAt.orElse(dueAt)) ? retryAt.orElse(dueAt) : expiresAt,
                repeat, next, attempts + 1, late, sentAt, action, Optional.of(reason), snoozes, createdAt);
    }

    public Nudge answered(String chosenAction, NudgeStatus next) {
        return new Nudge(id, key, issueId, channel, playbookId, stepId, recipient, triggeredAt, dueAt, expiresAt,
                repeat, next, attempts, late, sentAt, Optional.of(chosenAction), failure, snoozes, createdAt);
    }

    /** Snoozed to {@code until}: pending again, with its expiry moved along so the snooze is honoured. */
    public Nudge snoozedUntil(Instant until, Instant newExpiry) {
        return new Nudge(id, key, issueId, channel, playbookId, stepId, recipient, triggeredAt, until, newExpiry,
                repeat, NudgeStatus.PENDING, attempts, false, sentAt, Optional.of("snooze"), failure, snoozes + 1,
                createdAt);
    }

    public Nudge waitingForCustomer() {
        return new Nudge(id, key, issueId, channel, playbookId, stepId, recipient, triggeredAt, dueAt, expiresAt,
                repeat, NudgeStatus.WAITING_FOR_CUSTOMER, attempts, false, sentAt, Optional.of("snooze"), failure,
                snoozes + 1, createdAt);
    }

    public Nudge deferredTo(Instant newDue, Instant newExpiry) {
        return new Nudge(id, key, issueId, channel, playbookId, stepId, recipient, triggeredAt, newDue, newExpiry,
                repeat, status, attempts, late, sentAt, action, failure, snoozes, createdAt);
    }
}
