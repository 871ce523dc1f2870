package io.happy3.domain.chat;

import static java.util.Objects.requireNonNull;

/**
 * One message on one platform: its channel and the platform's message id (a Slack {@code ts}, a Teams
 * activity id). A thread is named by its first message, so the same type names a thread.
 */
public record MessageRef(ChannelRef channel, String id) {
    public MessageRef {
        requireNonNull(channel, "channel == null");
        requireNonNull(id, "id == null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("message id is blank");
        }
    }

    /** Another message of the same channel (a reply, or the thread root of this one). */
    public MessageRef sibling(String otherId) {
        return new MessageRef(channel, otherId);
    }

    /** A stable text form, {@code platform:tenant:channel:id}, used in keys and logs. */
    public String key() {
        return channel.key() + ":" + id;
    }
}
