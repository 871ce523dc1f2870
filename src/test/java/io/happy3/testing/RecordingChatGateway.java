package io.happy3.testing;

import io.happy3.adapter.slack.SlackMarkup;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.NudgeMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A hand-written fake of the chat gateway: records everything said, and can fail deliveries on demand. */
public final class RecordingChatGateway implements ChatGateway {
    public final List<NudgeMessage> delivered = new ArrayList<>();
    /** How many nudges each delivery carried, in order. */
    public final List<Integer> deliverySizes = new ArrayList<>();
    public final List<String> replies = new ArrayList<>();
    public final List<String> posts = new ArrayList<>();
    public final List<String> directMessages = new ArrayList<>();
    public final List<Attachment> files = new ArrayList<>();
    public final List<String> answered = new ArrayList<>();
    /** The messages whose permalink was asked for, in order. */
    public final List<MessageRef> permalinksAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Whose persistent inbox was refreshed, in order. */
    public final List<UserRef> refreshedInboxes = new ArrayList<>();
    /** The buttons of each {@link #replyWithChoices}, in order (its text goes to {@link #replies} as well). */
    public final List<List<Choice>> choices = new ArrayList<>();
    public final java.util.Map<ChannelRef, String> warnings = new java.util.concurrent.ConcurrentHashMap<>();
    private final Deque<ChatDeliveryException> failures = new ArrayDeque<>();

    /** The app tests speak Slack's mention forms. */
    @Override
    public ChatMarkup markup(Platform platform) {
        return new SlackMarkup();
    }

    /** The next delivery throws {@code failure}. */
    public void failNext(ChatDeliveryException failure) {
        failures.add(failure);
    }

    /** Runs at the start of every delivery (a test renews the scheduler's leases there, as its heartbeat would). */
    public volatile Runnable beforeEachDelivery = () -> { };

    @Override
    public synchronized void deliver(UserRef recipient, List<NudgeMessage> nudges) {
        beforeEachDelivery.run();
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        delivered.addAll(nudges);
        deliverySizes.add(nudges.size());
    }

    @Override
    public synchronized void refreshInbox(UserRef agent) {
        refreshedInboxes.add(agent);
    }

    @Override
    public synchronized void nudgeAnswered(NudgeMessage nudge, String outcome, String replyTo) {
        answered.add(nudge.stepId() + ": " + outcome);
    }

    @Override
    public synchronized void reply(String replyTo, UserRef user, String text) {
        replies.add(text);
    }

    @Override
    public synchronized void replyWithChoices(String replyTo, UserRef user, String text, List<Choice> offered) {
        choices.add(List.copyOf(offered));
        ChatGateway.super.replyWithChoices(replyTo, user, text, offered);
    }

    @Override
    public synchronized void post(ChannelRef channel, String text, Optional<Attachment> image) {
        posts.add(text);
        image.ifPresent(files::add);
    }

    @Override
    public synchronized void directMessage(UserRef user, String text) {
        directMessages.add(user.user() + ": " + text);
    }

    @Override
    public synchronized void sendFile(UserRef user, String text, Attachment file) {
        files.add(file);
    }

    @Override
    public Optional<String> channelWarning(ChannelRef channel) {
        return Optional.ofNullable(warnings.get(channel));
    }

    @Override
    public Optional<String> permalink(MessageRef message) {
        permalinksAsked.add(message);
        return Optional.of("https://chat.example/" + message.channel().channel() + "/" + message.id());
    }

    public synchronized List<String> deliveredSteps() {
        return delivered.stream().map(message -> message.stepId() + "->" + message.recipient().user()).toList();
    }

    public synchronized String lastReply() {
        return replies.isEmpty() ? "" : replies.get(replies.size() - 1);
    }
}
