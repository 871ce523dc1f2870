package io.happy3.domain.chat;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened in a chat, in platform-neutral terms. Adapters translate Slack events and
 * Teams activities into these; the core never sees a platform payload. {@code eventId} is the
 * platform's delivery id, unique per event, used to drop redeliveries.
 */
public sealed interface ChatEvent {
    String eventId();

    Instant at();

    /** The tenant this event belongs to. */
    String tenant();

    /**
     * An event about one message of a channel: posted, edited, deleted or reacted to. {@code threadRootId} is empty
     * for a top-level message and names the thread's first message for a reply, when the platform says so.
     */
    sealed interface AboutMessage extends ChatEvent {
        MessageRef message();

        Optional<String> threadRootId();

        default ChannelRef channel() {
            return message().channel();
        }

        @Override
        default String tenant() {
            return message().channel().tenant();
        }

        /** The message that starts this message's issue: the thread root, or itself. */
        default MessageRef issueRoot() {
            return threadRootId().map(message()::sibling).orElse(message());
        }
    }

    /**
     * A message in a channel. {@code threadRootId} is empty for a top-level message and names the
     * thread's first message for a reply. {@code authorExternal} is true when the platform says the
     * author belongs to another organisation (Slack Connect), which makes them a customer.
     */
    record MessagePosted(String eventId, MessageRef message, UserRef author, boolean authorExternal,
                         Optional<String> threadRootId, String text, Instant at)
            implements AboutMessage {
        public MessagePosted {
            requireNonNull(eventId, "eventId == null");
            requireNonNull(message, "message == null");
            requireNonNull(author, "author == null");
            requireNonNull(threadRootId, "threadRootId == null");
            requireNonNull(text, "text == null");
            requireNonNull(at, "at == null");
        }
    }

    /** A message's text was changed by its author. */
    record MessageEdited(String eventId, MessageRef message, UserRef author, boolean authorExternal,
                         Optional<String> threadRootId, String newText, Instant at)
            implements AboutMessage {
        public MessageEdited {
            requireNonNull(eventId, "eventId == null");
            requireNonNull(message, "message == null");
            requireNonNull(author, "author == null");
            requireNonNull(threadRootId, "threadRootId == null");
            requireNonNull(newText, "newText == null");
            requireNonNull(at, "at == null");
        }
    }

    /** A message was deleted. */
    record MessageDeleted(String eventId, MessageRef message, Optional<String> threadRootId, Instant at)
            implements AboutMessage {
        public MessageDeleted {
            requireNonNull(eventId, "eventId == null");
            requireNonNull(message, "message == null");
            requireNonNull(threadRootId, "threadRootId == null");
            requireNonNull(at, "at == null");
        }
    }

    /**
     * A reaction was added to a message. {@code threadRootId} is known on Teams and for Slack
     * top-level messages; when empty, the core looks the message up among tracked issues.
     */
    record ReactionAdded(String eventId, MessageRef message, UserRef user, boolean userExternal,
                         Optional<String> threadRootId, Reaction reaction, Instant at) implements AboutMessage {
        public ReactionAdded {
            requireNonNull(eventId, "eventId == null");
            requireNonNull(message, "message == null");
            requireNonNull(user, "user == null");
            requireNonNull(threadRootId, "threadRootId == null");
            requireNonNull(reaction, "reaction == null");
            requireNonNull(at, "at == null");
        }
    }

    /**
     * A command such as {@code /happy3 follow} or {@code /review last-week}. {@code command} is the
     * command word without a slash ({@code happy3}, {@code proud}, {@code review}); {@code arguments}
     * is the rest of the text. {@code replyTo} is an opaque adapter token (Slack response_url, Teams
     * conversation) that the {@code ChatGateway} uses to answer.
     */
    record CommandInvoked(String eventId, ChannelRef channel, UserRef user, String command, String arguments,
                          String replyTo, Instant at) implements ChatEvent {
        public CommandInvoked {
            requireNonNull(eventId, "eventId == null");
            requireNonNull(channel, "channel == null");
            requireNonNull(user, "user == null");
            requireNonNull(command, "command == null");
            requireNonNull(arguments, "arguments == null");
            requireNonNull(replyTo, "replyTo == null");
            requireNonNull(at, "at == null");
        }

        @Override
        public String tenant() {
            return channel.tenant();
        }
    }

    /**
     * A button pressed on a nudge (or on a review). {@code target} names what the button acts on
     * (a nudge id, a proud moment id), {@code action} the action id, {@code value} an optional
     * argument (a snooze choice). {@code replyTo} lets the adapter update the message in place.
     */
    record ActionChosen(String eventId, UserRef user, String target, String action, String value,
                        String replyTo, Instant at) implements ChatEvent {
        public ActionChosen {
            requireNonNull(eventId, "eventId == null");
            requireNonNull(user, "user == null");
            requireNonNull(target, "target == null");
            requireNonNull(action, "action == null");
            requireNonNull(value, "value == null");
            requireNonNull(replyTo, "replyTo == null");
            requireNonNull(at, "at == null");
        }

        @Override
        public String tenant() {
            return user.tenant();
        }
    }
}
