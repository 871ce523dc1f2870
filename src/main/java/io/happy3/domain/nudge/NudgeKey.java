package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.playbook.StepId;

/**
 * The idempotency key of a nudge: at most one nudge exists per key, across restarts and replicas.
 * {@code occurrence} counts the step's trigger events in the issue (the second "customer replied" is
 * occurrence 1); {@code repeat} counts the reminders of one occurrence for a step with {@code max} > 1.
 * Stored as {@link #value()}; {@link #fromStored} is the only reader of that form.
 */
public record NudgeKey(IssueId issue, StepId stepId, int occurrence, int repeat, UserRef recipient) {
    private static final String SEPARATOR = "/";

    public NudgeKey {
        requireNonNull(issue, "issue == null");
        requireNonNull(stepId, "stepId == null");
        requireNonNull(recipient, "recipient == null");
        if (occurrence < 0 || repeat < 0) {
            throw new IllegalArgumentException("occurrence and repeat must be >= 0: " + occurrence + ", " + repeat);
        }
    }

    /** The key of the next reminder of the same occurrence. */
    public NudgeKey nextRepeat() {
        return new NudgeKey(issue, stepId, occurrence, repeat + 1, recipient);
    }

    /** The stored form {@code issue/step/occurrence/repeat/recipient}; the nudge's id derives from it. */
    public String value() {
        return issue.value() + SEPARATOR + stepId + SEPARATOR + occurrence + SEPARATOR + repeat + SEPARATOR
                + recipient.user();
    }

    /**
     * Reads a key stored as {@link #value()} for {@code recipient} (whose platform and tenant are stored
     * beside it). The issue id may itself contain '/', so the parts are taken from the right.
     */
    public static NudgeKey fromStored(String value, UserRef recipient) {
        requireNonNull(value, "value == null");
        String suffix = SEPARATOR + recipient.user();
        if (!value.endsWith(suffix)) {
            throw new IllegalArgumentException("nudge key '" + value + "' is not for recipient " + recipient.user());
        }
        String[] parts = value.substring(0, value.length() - suffix.length()).split(SEPARATOR, -1);
        if (parts.length < 4) {
            throw new IllegalArgumentException("nudge key '" + value + "' is not issue/step/occurrence/repeat/user");
        }
        int n = parts.length;
        try {
            String issue = String.join(SEPARATOR, java.util.Arrays.copyOf(parts, n - 3));
            return new NudgeKey(new IssueId(issue), new StepId(parts[n - 3]), Integer.parseInt(parts[n - 2]),
                    Integer.parseInt(parts[n - 1]), recipient);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nudge key '" + value + "' has a non-numeric occurrence or repeat", e);
        }
    }

    @Override
    public String toString() {
        return value();
    }
}
