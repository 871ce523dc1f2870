package io.happy3.domain.issue;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.signal.DetectedSignal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the tracker needs to know about one message: who wrote it in which role, where, when, and the
 * signals found in its text (the text itself stays out of the core). {@code edited} is true when the
 * message is an edit of {@code message}, which records only signals that message did not carry yet.
 */
public record MessageFacts(MessageRef message, UserRef author, Role role, Optional<String> threadRootId,
                           Instant at, List<DetectedSignal> signals, boolean edited) {
    public MessageFacts {
        requireNonNull(message, "message == null");
        requireNonNull(author, "author == null");
        requireNonNull(role, "role == null");
        requireNonNull(threadRootId, "threadRootId == null");
        requireNonNull(at, "at == null");
        signals = List.copyOf(signals);
    }

    public ChannelRef channel() {
        return message.channel();
    }

    /** The message that starts this message's issue: the thread root, or itself. */
    public MessageRef issueRoot() {
        return threadRootId.map(message::sibling).orElse(message);
    }
}
