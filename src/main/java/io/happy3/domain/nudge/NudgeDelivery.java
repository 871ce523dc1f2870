package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What has happened to a nudge since it was planned: when it is due and expires (moved by deferrals,
 * snoozes and retries), its status, delivery attempts, when it was sent, the answer chosen, the last
 * failure and how often it was snoozed.
 */
public record NudgeDelivery(NudgeStatus status, Instant dueAt, Instant expiresAt, int attempts, boolean late,
                            Optional<Instant> sentAt, Optional<String> action, Optional<String> failure,
                            int snoozes) {
    public NudgeDelivery {
        requireNonNull(status, "status == null");
        requireNonNull(dueAt, "dueAt == null");
        requireNonNull(expiresAt, "expiresAt == null");
        requireNonNull(sentAt, "sentAt == null");
        requireNonNull(action, "action == null");
        requireNonNull(failure, "failure == null");
    }

    /** A nudge not yet attempted, due at {@code dueAt}. */
    public static NudgeDelivery pending(Instant dueAt, Instant expiresAt) {
        return new NudgeDelivery(NudgeStatus.PENDING, dueAt, expiresAt, 0, false, Optional.empty(), Optional.empty(),
                Optional.empty(), 0);
    }

    /** A copy with {@code change} applied to a mutable draft: each transition names only what it changes. */
    NudgeDelivery with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return new NudgeDelivery(draft.status, draft.dueAt, draft.expiresAt, draft.attempts, draft.late,
                draft.sentAt, draft.action, draft.failure, draft.snoozes);
    }

    /** The mutable form of a delivery, alive only inside {@link #with}. */
    static final class Draft {
        NudgeStatus status;
        Instant dueAt;
        Instant expiresAt;
        int attempts;
        boolean late;
        Optional<Instant> sentAt;
        Optional<String> action;
        Optional<String> failure;
        int snoozes;

        private Draft(NudgeDelivery from) {
            status = from.status;
            dueAt = from.dueAt;
            expiresAt = from.expiresAt;
            attempts = from.attempts;
            late = from.late;
            sentAt = from.sentAt;
            action = from.action;
            failure = from.failure;
            snoozes = from.snoozes;
        }
    }
}
