package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

/**
 * Where an answer goes, as the opaque {@code replyTo} token the core hands back to the gateway: a conversation
 * (a command's channel thread or 1:1 chat), the pending response of an {@code adaptiveCard/action} invoke, or
 * a card to update in place after an {@code Action.Submit}.
 */
sealed interface ReplyTarget {
    String token();

    /** A message in conversation {@code conversationId} (with its {@code ;messageid=} suffix for a thread). */
    record Conversation(String conversationId) implements ReplyTarget {
        @Override
        public String token() {
            return "conv|" + conversationId;
        }
    }

    /** The synchronous answer to invoke activity {@code activityId}, pressed on card {@code cardActivityId}. */
    record Invoke(String activityId, String conversationId, String cardActivityId) implements ReplyTarget {
        @Override
        public String token() {
            return "invoke|" + activityId + "|" + conversationId + "|" + cardActivityId;
        }
    }

    /** Card {@code activityId} in conversation {@code conversationId}, updated with {@code updateActivity}. */
    record Card(String conversationId, String activityId) implements ReplyTarget {
        @Override
        public String token() {
            return "card|" + conversationId + "|" + activityId;
        }
    }

    static ReplyTarget parse(String token) {
        requireNonNull(token, "token == null");
        String[] parts = token.split("\\|", -1);
        try {
            return switch (parts[0]) {
                case "conv" -> new Conversation(parts[1]);
                case "invoke" -> new Invoke(parts[1], parts[2], parts[3]);
                case "card" -> new Card(parts[1], parts[2]);
                default -> throw new IllegalArgumentException("not a Teams reply target: " + token);
            };
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a Teams reply target: " + token, e);
        }
    }
}
