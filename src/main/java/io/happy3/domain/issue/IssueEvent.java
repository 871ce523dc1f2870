package io.happy3.domain.issue;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of an issue's history. Holds no message text: only who, when, which message, and why
 * ({@code rule}: the signal rule that matched, or the action or reaction that caused it).
 * {@code evidence} is set on {@link IssueEventType#CUSTOMER_CONFIRMED}; {@code due} on
 * {@link IssueEventType#PROMISE_MADE}.
 */
public record IssueEvent(IssueEventType type, Instant at, Optional<UserRef> actor, Optional<String> messageId,
                         String rule, Optional<Evidence> evidence, Optional<Instant> due) {
    public IssueEvent {
        requireNonNull(type, "type == null");
        requireNonNull(at, "at == null");
        requireNonNull(actor, "actor == null");
        requireNonNull(messageId, "messageId == null");
        requireNonNull(rule, "rule == null");
        requireNonNull(evidence, "evidence == null");
        requireNonNull(due, "due == null");
        if (type == IssueEventType.CUSTOMER_CONFIRMED && evidence.isEmpty()) {
            throw new IllegalArgumentException("a confirmation needs its evidence");
        }
    }

    public static IssueEvent of(IssueEventType type, Instant at, UserRef actor, String messageId, String rule) {
        return new IssueEvent(type, at, Optional.ofNullable(actor), Optional.ofNullable(messageId), rule,
                Optional.empty(), Optional.empty());
    }

    public static IssueEvent confirmed(Instant at, UserRef actor, String messageId, String rule, Evidence evidence) {
        return new IssueEvent(IssueEventType.CUSTOMER_CONFIRMED, at, Optional.ofNullable(actor),
                Optional.ofNullable(messageId), rule, Optional.of(evidence), Optional.empty());
    }

    public static IssueEvent promise(Instant at, UserRef actor, String messageId, String rule, Instant due) {
        return new IssueEvent(IssueEventType.PROMISE_MADE, at, Optional.ofNullable(actor),
                Optional.ofNullable(messageId), rule, Optional.empty(), Optional.of(due));
    }
}
