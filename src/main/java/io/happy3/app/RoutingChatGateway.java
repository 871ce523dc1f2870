package io.happy3.app;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.NudgeMessage;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sends each message through the gateway of its platform. Thread-safe once built. */
public final class RoutingChatGateway implements ChatGateway {
    private final Map<Platform, ChatGateway> gateways;

    public RoutingChatGateway(Map<Platform, ChatGateway> gateways) {
        this.gateways = new EnumMap<>(Platform.class);
        this.gateways.putAll(gateways);
    }

    private ChatGateway of(Platform platform) {
        ChatGateway gateway = gateways.get(platform);
        if (gateway == null) {
            throw ChatDeliveryException.permanentFailure("no chat gateway for platform " + platform);
        }
        return gateway;
    }

    @Override
    public void deliver(UserRef recipient, List<NudgeMessage> nudges) {
        of(recipient.platform()).deliver(recipient, nudges);
    }

    @Override
    public void nudgeAnswered(NudgeMessage nudge, String outcome, String replyTo) {
        of(nudge.recipient().platform()).nudgeAnswered(nudge, outcome, replyTo);
    }

    @Override
    public void reply(String replyTo, UserRef user, String text) {
        of(user.platform()).reply(replyTo, user, text);
    }

    @Override
    public void post(ChannelRef channel, String text, Optional<Attachment> image) {
        of(channel.platform()).post(channel, text, image);
    }

    @Override
    public void directMessage(UserRef user, String text) {
        of(user.platform()).directMessage(user, text);
    }

    @Override
    public void replyWithChoices(String replyTo, UserRef user, String text, List<Choice> choices) {
        of(user.platform()).replyWithChoices(replyTo, user, text, choices);
    }

    @Override
    public void sendFile(UserRef user, String text, Attachment file) {
        of(user.platform()).sendFile(user, text, file);
    }

    @Override
    public Optional<String> channelWarning(ChannelRef channel) {
        ChatGateway gateway = gateways.get(channel.platform());
        return gateway == null ? Optional.empty() : gateway.channelWarning(channel);
    }

    @Override
    public ChatMarkup markup(Platform platform) {
        return of(platform).markup(platform);
    }

    @Override
    public Map<MessageRef, String> permalinks(Collection<MessageRef> messages) {
        Map<Platform, List<MessageRef>> byPlatform = new EnumMap<>(Platform.class);
        messages.forEach(message -> byPlatform.computeIfAbsent(message.channel().platform(),
                platform -> new java.util.ArrayList<>()).add(message));
        Map<MessageRef, String> links = new java.util.HashMap<>();
        byPlatform.forEach((platform, ofPlatform) -> {
            ChatGateway gateway = gateways.get(platform);
            if (gateway != null) {
                links.putAll(gateway.permalinks(ofPlatform));
            }
        });
        return links;
    }

    @Override
    public void refreshInbox(UserRef agent) {
        ChatGateway gateway = gateways.get(agent.platform());
        if (gateway != null) {
            gateway.refreshInbox(agent);
        }
    }

    @Override
    public Optional<String> permalink(MessageRef message) {
        ChatGateway gateway = gateways.get(message.channel().platform());
        return gateway == null ? Optional.empty() : gateway.permalink(message);
    }
}
