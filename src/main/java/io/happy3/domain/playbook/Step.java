package io.happy3.domain.playbook;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.IssueEventType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One coaching step of a playbook: when {@code when} happens, and {@code unless} has not happened
 * since, nudge {@code to} after {@code after}. With {@code max} above 1 the step repeats every
 * {@code after} until its guard holds or it has sent {@code max} nudges for that occurrence.
 * For {@code promise_made}, {@code after} counts from the promise's due time. An unsent nudge
 * expires {@code expires} after it fell due.
 */
public record Step(StepId id, IssueEventType when, Optional<IssueEventType> unless, Duration after, Recipient to,
                   String nudge, List<NudgeAction> actions, int max, Duration expires) {
    /** How long an undelivered nudge stays worth sending when no {@code expires} is given. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(1);

    public Step {
        requireNonNull(id, "id == null");
        requireNonNull(when, "when == null");
        requireNonNull(unless, "unless == null");
        requireNonNull(after, "after == null");
        requireNonNull(to, "to == null");
        requireNonNull(nudge, "nudge == null");
        requireNonNull(expires, "expires == null");
        actions = List.copyOf(actions);
        if (max < 1) {
            throw new IllegalArgumentException("max < 1: " + max);
        }
        if (after.isNegative()) {
            throw new IllegalArgumentException("after is negative: " + after);
        }
    }
}
