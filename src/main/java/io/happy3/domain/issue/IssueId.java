package io.happy3.domain.issue;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;

/** Identifies an issue: its channel and the id of the customer message that opened it. */
public record IssueId(String value) {
    public IssueId {
        requireNonNull(value, "value == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("issue id is blank");
        }
    }

    public static IssueId of(ChannelRef channel, String rootMessageId) {
        return new IssueId(channel.key() + ":" + rootMessageId);
    }

    @Override
    public String toString() {
        return value;
    }
}
