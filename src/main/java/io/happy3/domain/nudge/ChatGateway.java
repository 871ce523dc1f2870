package io.happy3.domain.nudge;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: everything the bot says. One implementation per platform; failures are
 * {@link ChatDeliveryException}s so the scheduler can retry or record them.
 */
public interface ChatGateway {
    /**
     * Delivers nudges to one agent. One nudge appears in its issue's thread; several due at once may be
     * coalesced into one message. The agent's persistent inbox follows with {@link #refreshInbox}.
     */
    void deliver(UserRef recipient, List<NudgeMessage> nudges);

    /** Shows that a nudge was answered (updates the message or card in place, refreshes the inbox). */
    void nudgeAnswered(NudgeMessage nudge, String outcome, String replyTo);

    /** Answers a command privately to the person who ran it. */
    void reply(String replyTo, UserRef user, String text);

    /** Posts a message to a channel, optionally with a PNG image (the digest's chart). */
    void post(ChannelRef channel, String text, Optional<Attachment> image);

    /** Sends a direct message to one person (the weekly proud prompt). */
    void directMessage(UserRef user, String text);

    /** How {@code platform} writes and reads mentions; the core never writes platform syntax itself. */
    ChatMarkup markup(Platform platform);

    /** A link to a message that people can click, when the platform can build one. */
    Optional<String> permalink(MessageRef message);

    /**
     * {@link #permalink} for several messages at once (the scheduler's round of nudges): the links found, by
     * message. Platforms that keep links look them all up together.
     */
    default Map<MessageRef, String> permalinks(Collection<MessageRef> messages) {
        Map<MessageRef, String> links = new LinkedHashMap<>();
        for (MessageRef message : messages) {
            permalink(message).ifPresent(link -> links.put(message, link));
        }
        return links;
    }

    /**
     * Refreshes the agent's persistent inbox (the Slack App Home) after nudges reached them; the scheduler calls
     * it at most every half minute per agent while nudges keep arriving, and once after the last. Platforms
     * without such an inbox do nothing. Failures are logged, never thrown.
     */
    default void refreshInbox(UserRef agent) {
    }

    /**
     * Answers privately with choices the person can click (a lead accepting a proud moment). Platforms
     * without buttons get the choices as commands to type.
     */
    default void replyWithChoices(String replyTo, UserRef user, String text, List<Choice> choices) {
        StringBuilder body = new StringBuilder(text);
        for (Choice choice : choices) {
            body.append("\n• ").append(choice.label()).append(": ").append(choice.typedCommand());
        }
        reply(replyTo, user, body.toString());
    }

    /** Sends a file privately to one person (the review's CSV export). */
    default void sendFile(UserRef user, String text, Attachment file) {
        directMessage(user, text + "\n```\n" + new String(file.bytes(), java.nio.charset.StandardCharsets.UTF_8)
                + "```");
    }

    /** A clickable choice: the button presses {@code action} on {@code target}; {@code typedCommand} is the fallback. */
    record Choice(String target, String action, String label, String typedCommand) {
    }

    /**
     * Something people should know about how the bot sees this channel (Teams: only @mentions arrive,
     * the resource-specific consent is missing), shown in reviews; empty when all is well.
     */
    default Optional<String> channelWarning(ChannelRef channel) {
        return Optional.empty();
    }

    /** A file to attach: name, MIME type and bytes. */
    record Attachment(String fileName, String mimeType, byte[] bytes) {
    }
}
