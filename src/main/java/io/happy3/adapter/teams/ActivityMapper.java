package io.happy3.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.MessageReaction;
import io.happy3.domain.chat.BotCommand;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a Teams activity into the core's {@link ChatEvent}s: channel and thread messages, edits and
 * deletions, reactions, commands (the bot @mentioned, or anything in the 1:1 chat) and card buttons
 * ({@code Action.Execute} invokes and {@code Action.Submit} messages). Members added map to nothing: a person's
 * role is read from the playbook and settings when they write, so a join changes nothing. Stateless.
 */
final class ActivityMapper {
    /** Command words understood after "@Happy3" in a channel; other mentions stay conversation messages. */
    static final Set<String> COMMANDS = BotCommand.words();
    static final String CARD_ACTION = "adaptiveCard/action";

    List<ChatEvent> map(Activity activity, Instant receivedAt) {
        String type = activity.getType() == null ? "" : activity.getType();
        return switch (type) {
            case ActivityTypes.MESSAGE -> message(activity, receivedAt);
            case ActivityTypes.MESSAGE_UPDATE -> edited(activity, receivedAt);
            case ActivityTypes.MESSAGE_DELETE -> deleted(activity, receivedAt);
            case ActivityTypes.MESSAGE_REACTION -> reactions(activity, receivedAt);
            case ActivityTypes.INVOKE -> invoke(activity, receivedAt);
            default -> List.of();
        };
    }

    private List<ChatEvent> message(Activity activity, Instant receivedAt) {
        Instant at = TeamsActivities.at(activity, receivedAt);
        UserRef author = user(activity);
        JsonNode value = TeamsActivities.value(activity);
        if (value.hasNonNull("nudge") && value.hasNonNull("action")) {
            String card = activity.getReplyToId() == null ? "" : activity.getReplyToId();
            return List.of(action(activity.getId(), author, value,
                    new ReplyTarget.Card(activity.getConversation().getId(), card), at));
        }
        String text = TeamsActivities.commandText(activity);
        if (value.isObject() && text.isEmpty()) {
            return List.of(); // another card's Action.Submit: not a command, not a conversation message
        }
        String verb = verb(text);
        boolean personal = TeamsActivities.personal(activity);
        if (personal || TeamsActivities.mentionsBot(activity) && COMMANDS.contains(verb)) {
            return List.of(command(activity, author, text, at));
        }
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of(new ChatEvent.MessagePosted(activity.getId(), message(activity), author, false,
                TeamsActivities.threadRoot(activity), text, at));
    }

    private ChatEvent command(Activity activity, UserRef author, String text, Instant at) {
        String verb = verb(text);
        String rest = text.strip().contains(" ") ? text.strip().substring(text.strip().indexOf(' ') + 1).strip() : "";
        String replyTo = new ReplyTarget.Conversation(activity.getConversation().getId()).token();
        return switch (verb) {
            case "review", "proud" -> new ChatEvent.CommandInvoked(activity.getId(), channel(activity), author, verb,
                    rest, replyTo, at);
            case "" -> new ChatEvent.CommandInvoked(activity.getId(), channel(activity), author, "happy3", "help",
                    replyTo, at);
            default -> new ChatEvent.CommandInvoked(activity.getId(), channel(activity), author, "happy3",
                    text.strip().replaceFirst("^/", ""), replyTo, at);
        };
    }

    private static String verb(String text) {
        String trimmed = text.strip().replaceFirst("^/", "");
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private MessageRef message(Activity activity) {
        return new MessageRef(channel(activity), activity.getId());
    }

    private List<ChatEvent> edited(Activity activity, Instant receivedAt) {
        String text = TeamsActivities.commandText(activity);
        return List.of(new ChatEvent.MessageEdited(activity.getId(), message(activity), user(activity), false,
                TeamsActivities.threadRoot(activity), text,
                TeamsActivities.at(activity, receivedAt)));
    }

    private List<ChatEvent> deleted(Activity activity, Instant receivedAt) {
        return List.of(new ChatEvent.MessageDeleted(activity.getId(), message(activity),
                TeamsActivities.threadRoot(activity), TeamsActivities.at(activity, receivedAt)));
    }

    /** Teams has no ✅ or ⭐: 👍 ("like") from a customer confirms, ❤️ ("heart") nominates a proud moment. */
    private List<ChatEvent> reactions(Activity activity, Instant receivedAt) {
        List<ChatEvent> events = new ArrayList<>();
        if (activity.getReactionsAdded() == null || activity.getReplyToId() == null) {
            return events;
        }
        for (MessageReaction reaction : activity.getReactionsAdded()) {
            Reaction kind = switch (String.valueOf(reaction.getType())) {
                case "like" -> Reaction.CONFIRM;
                case "heart" -> Reaction.STAR;
                default -> Reaction.OTHER;
            };
            events.add(new ChatEvent.ReactionAdded(activity.getId() + ":" + reaction.getType(),
                    new MessageRef(channel(activity), activity.getReplyToId()), user(activity), false,
                    TeamsActivities.threadRoot(activity), kind,
                    TeamsActivities.at(activity, receivedAt)));
        }
        return events;
    }

    private List<ChatEvent> invoke(Activity activity, Instant receivedAt) {
        if (!CARD_ACTION.equals(activity.getName())) {
            return List.of();
        }
        JsonNode action = TeamsActivities.value(activity).path("action");
        JsonNode data = action.path("data");
        if (!data.hasNonNull("nudge")) {
            return List.of();
        }
        String verb = TeamsActivities.text(action.path("verb")).orElse(data.path("action").asText(""));
        com.fasterxml.jackson.databind.node.ObjectNode merged = data.deepCopy();
        merged.put("action", verb);
        return List.of(action(activity.getId(), user(activity), merged, new ReplyTarget.Invoke(activity.getId(),
                        activity.getConversation().getId(), String.valueOf(activity.getReplyToId())),
                TeamsActivities.at(activity, receivedAt)));
    }

    private static ChatEvent action(String eventId, UserRef user, JsonNode data, ReplyTarget replyTo, Instant at) {
        return new ChatEvent.ActionChosen(eventId, user, data.path("nudge").asText(), data.path("action").asText(),
                data.path("value").asText(""), replyTo.token(), at);
    }

    static UserRef user(Activity activity) {
        return new UserRef(Platform.TEAMS, TeamsActivities.tenant(activity), activity.getFrom().getId());
    }

    static ChannelRef channel(Activity activity) {
        return new ChannelRef(Platform.TEAMS, TeamsActivities.tenant(activity), TeamsActivities.channel(activity));
    }

    static Optional<String> botId(Activity activity) {
        return Optional.ofNullable(activity.getRecipient()).map(ChannelAccount::getId);
    }
}
