package io.happy3.domain.nudge;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import java.util.List;
import java.util.Optional;

/**
 * Port: everything the bot says. One implementation per platform; failures are
 * {@link ChatDeliveryException}s so the scheduler can retry or record them.
 */
public interface ChatGateway {
    /**
     * Delivers nudges to one agent. One nudge appears in its issue's thread (and the agent's
     * persistent inbox); several due at once may be coalesced into one message.
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

    /** A link to a message that people can click, when the platform can build one. */
    Optional<String> permalink(ChannelRef channel, String messageId);

    /** A file to attach: name, MIME type and bytes. */
    record Attachment(String fileName, String mimeType, byte[] bytes) {
    }
}
