package io.happy3.domain.issue;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.MessageRef;


/** Identifies an issue: its channel and the id of the customer message that opened it. */
public record IssueId(String value) {
    public IssueId {
        requireNonNull(value, "value == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("issue id is blank");
        }
    }

    /** The id of the issue that {@code root} (a customer's top-level message) opened. */
    public static IssueId of(MessageRef root) {
        return new IssueId(root.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
