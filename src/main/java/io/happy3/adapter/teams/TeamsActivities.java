package io.happy3.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Entity;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Teams facts Happy3 needs out of an {@link Activity}: tenant, channel, reply-chain root, mentions of
 * the bot, the sender's zone. Teams names a thread reply's conversation {@code <channel>;messageid=<root>}.
 */
final class TeamsActivities {
    static final String CHANNEL_ID = "msteams";
    private static final String MESSAGE_ID_SUFFIX = ";messageid=";

    private TeamsActivities() {
    }

    static Activity parse(String json) {
        try {
            return Serialization.treeToValue(Serialization.jsonToTree(json), Activity.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not an activity", e);
        }
    }

    /**
     * Why the activity cannot be processed, or empty when it can: it needs a type, a sender and a conversation.
     * (Found by ActivityMapperFuzzTest: an activity without {@code from} was accepted and failed in the mapper.)
     */
    static Optional<String> malformed(Activity activity) {
        if (activity == null || activity.getType() == null || activity.getType().isBlank()) {
            return Optional.of("no activity type");
        }
        if (activity.getId() == null || activity.getId().isBlank()) {
            return Optional.of("no activity id"); // the inbox deduplicates redeliveries by it
        }
        if (activity.getFrom() == null || activity.getFrom().getId() == null || activity.getFrom().getId().isBlank()) {
            return Optional.of("no sender (from.id)");
        }
        if (activity.getConversation() == null || activity.getConversation().getId() == null
                || activity.getConversation().getId().isBlank()) {
            return Optional.of("no conversation (conversation.id)");
        }
        return Optional.empty();
    }

    static String toJson(Activity activity) {
        return Serialization.toStringSilent(activity);
    }

    /** The tenant: the conversation's, else the channel data's, else {@code "default"} (emulators). */
    static String tenant(Activity activity) {
        if (activity.getConversation() != null && notBlank(activity.getConversation().getTenantId())) {
            return activity.getConversation().getTenantId();
        }
        return text(channelData(activity).path("tenant").path("id")).orElse("default");
    }

    /** The conversation id without a reply-chain suffix. */
    static String conversationBase(Activity activity) {
        return baseOf(activity.getConversation().getId());
    }

    static String baseOf(String conversationId) {
        int suffix = conversationId.indexOf(MESSAGE_ID_SUFFIX);
        return suffix < 0 ? conversationId : conversationId.substring(0, suffix);
    }

    /** The channel a message belongs to: the Teams channel id, else the conversation (group or 1:1 chat). */
    static String channel(Activity activity) {
        return text(channelData(activity).path("channel").path("id")).orElseGet(() -> conversationBase(activity));
    }

    /** The first message of the reply chain, when this activity is a reply. */
    static Optional<String> threadRoot(Activity activity) {
        String conversation = activity.getConversation().getId();
        int suffix = conversation.indexOf(MESSAGE_ID_SUFFIX);
        if (suffix < 0) {
            return Optional.empty();
        }
        String root = conversation.substring(suffix + MESSAGE_ID_SUFFIX.length());
        return root.equals(activity.getId()) ? Optional.empty() : Optional.of(root);
    }

    /** Groups one thread's activities so they are processed in order. */
    static String orderingKey(Activity activity) {
        String root = threadRoot(activity).orElse(activity.getId() == null ? "" : activity.getId());
        return conversationBase(activity) + ";" + root;
    }

    static boolean personal(Activity activity) {
        return "personal".equals(activity.getConversation().getConversationType());
    }

    static boolean mentionsBot(Activity activity) {
        String bot = activity.getRecipient() == null ? null : activity.getRecipient().getId();
        return mentions(activity).stream().anyMatch(mention -> mention.id().equals(bot));
    }

    /**
     * The mentions that name someone, read from the entities' JSON: the SDK's {@code getMentions()} throws on an
     * entity without a type and prints a stack trace for one it cannot convert (both found by ActivityMapperFuzzTest).
     */
    private static List<MentionOf> mentions(Activity activity) {
        if (activity.getEntities() == null) {
            return List.of();
        }
        return activity.getEntities().stream()
                .filter(entity -> entity != null && "mention".equalsIgnoreCase(entity.getType()))
                .map(entity -> new MentionOf(text(entity.getProperties().get("mentioned"), "id"),
                        text(entity.getProperties().get("text"), null)))
                .filter(mention -> mention.id() != null).toList();
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        com.fasterxml.jackson.databind.JsonNode value = node == null || field == null ? node : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** A mention entity: whom it names, and the markup it has in the text (may be null). */
    private record MentionOf(String id, String text) {
    }

    /**
     * The message text as plain text, the bot's mention removed and other mentions as the token
     * {@link TeamsMarkup} reads.
     */
    static String commandText(Activity activity) {
        String text = activity.getText() == null ? "" : activity.getText();
        String bot = activity.getRecipient() == null ? "" : activity.getRecipient().getId();
        for (MentionOf mention : mentions(activity)) {
            if (mention.text() == null || mention.text().isEmpty()) {
                continue;
            }
            String id = mention.id();
            text = text.replace(mention.text(), id.equals(bot) ? " " : " " + TeamsMarkup.token(id) + " ");
        }
        return plain(text);
    }

    /** Strips Teams' HTML markup (channel messages arrive as HTML) and collapses white space. */
    static String plain(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")
                .replaceAll("<(?!at id=\"[^\"<>\\s]+\"/>)[^>]*>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("[ \\t\\x{00A0}]+", " ").replaceAll(" *\\n+ *", "\n").strip();
    }

    /** The sender's zone: the activity's {@code localTimezone}, else the {@code clientInfo} entity's. */
    static Optional<ZoneId> zone(Activity activity) {
        Optional<String> name = Optional.ofNullable(activity.getLocalTimezone()).filter(TeamsActivities::notBlank);
        if (name.isEmpty() && activity.getEntities() != null) {
            for (Entity entity : activity.getEntities()) {
                if ("clientInfo".equals(entity.getType())) {
                    name = text(Serialization.objectToTree(entity).path("timezone"));
                }
            }
        }
        try {
            return name.map(ZoneId::of);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    static Instant at(Activity activity, Instant fallback) {
        return activity.getTimestamp() == null ? fallback : activity.getTimestamp().toInstant();
    }

    static JsonNode channelData(Activity activity) {
        Object data = activity.getChannelData();
        return data == null ? MissingNode.getInstance() : Serialization.objectToTree(data);
    }

    static JsonNode value(Activity activity) {
        Object value = activity.getValue();
        return value == null ? MissingNode.getInstance() : Serialization.objectToTree(value);
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
