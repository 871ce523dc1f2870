package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ConversationReference;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.NudgeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChatGateway} for Teams: nudges go proactively to the agent's 1:1 chat with the bot (created when
 * none exists) as one Adaptive Card; answers replace the card in place (the invoke response for
 * {@code Action.Execute}, {@code updateActivity} for {@code Action.Submit}). Conversations are found through
 * the persisted references, so this works the same after a restart. Thread-safe.
 */
public final class TeamsChatGateway implements ChatGateway {
    private static final ChatMarkup MARKUP = new TeamsMarkup();
    private static final Logger log = LoggerFactory.getLogger(TeamsChatGateway.class);

    private final TeamsAddresses addresses;
    private final InstallationStore installations;
    private final TeamsConnector connector;
    private final InvokeResponses invokeResponses;
    private final TeamsAgentDirectory directory;

    TeamsChatGateway(TeamsAddresses addresses, InstallationStore installations, TeamsConnector connector,
                     InvokeResponses invokeResponses, TeamsAgentDirectory directory) {
        this.directory = requireNonNull(directory, "directory == null");
        this.addresses = requireNonNull(addresses, "addresses == null");
        this.installations = requireNonNull(installations, "installations == null");
        this.connector = requireNonNull(connector, "connector == null");
        this.invokeResponses = requireNonNull(invokeResponses, "invokeResponses == null");
    }

    @Override
    public void deliver(UserRef recipient, List<NudgeMessage> nudges) {
        if (nudges.isEmpty()) {
            return;
        }
        List<NudgeCards.Entry> entries = nudges.stream().map(NudgeCards.Entry::of)
                .map(entry -> entry.withText(named(recipient.tenant(), entry.text()))).toList();
        Sent sent = toPerson(recipient, cardActivity(entries));
        addresses.saveJson(recipient.tenant(), cardKey(sent.conversationId(), sent.activityId()),
                NudgeCards.state(entries));
        log.info("delivered {} nudge(s) to {} in {}", nudges.size(), recipient.key(), sent.conversationId());
    }

    @Override
    public void nudgeAnswered(NudgeMessage answeredNudge, String answer, String replyTo) {
        String tenant = answeredNudge.recipient().tenant();
        NudgeMessage nudge = new NudgeMessage(answeredNudge.nudgeId(), answeredNudge.recipient(),
                answeredNudge.thread(), answeredNudge.stepId(), named(tenant, answeredNudge.text()),
                answeredNudge.actions(), answeredNudge.late());
        String outcome = named(tenant, answer);
        ReplyTarget target = ReplyTarget.parse(replyTo);
        if (target instanceof ReplyTarget.Invoke invoke) {
            List<NudgeCards.Entry> entries = answered(tenant, invoke.conversationId(), invoke.cardActivityId(),
                    nudge, outcome);
            invokeResponses.card(invoke.activityId(), NudgeCards.card(entries));
        } else if (target instanceof ReplyTarget.Card card) {
            List<NudgeCards.Entry> entries = answered(tenant, card.conversationId(), card.activityId(), nudge,
                    outcome);
            connector.update(conversation(tenant, card.conversationId()), card.activityId(), cardActivity(entries));
        } else if (target instanceof ReplyTarget.Conversation conversation) {
            connector.send(conversation(tenant, conversation.conversationId()), text(outcome));
        }
    }

    @Override
    public void reply(String replyTo, UserRef user, String reply) {
        String text = named(user.tenant(), reply);
        ReplyTarget target = ReplyTarget.parse(replyTo);
        if (target instanceof ReplyTarget.Invoke invoke) {
            invokeResponses.message(invoke.activityId(), ChoiceCards.markdown(text));
        } else if (target instanceof ReplyTarget.Card card) {
            connector.send(conversation(user.tenant(), card.conversationId()), text(text));
        } else if (target instanceof ReplyTarget.Conversation conversation) {
            connector.send(conversation(user.tenant(), conversation.conversationId()), text(text));
        }
    }

    /** The text and one card of buttons (Action.Execute), so a lead curates proud moments with a press, as on Slack. */
    @Override
    public void replyWithChoices(String replyTo, UserRef user, String reply, List<Choice> offered) {
        String text = named(user.tenant(), reply);
        List<Choice> choices = offered.stream().map(choice -> new Choice(choice.target(), choice.action(),
                named(user.tenant(), choice.label()), choice.typedCommand())).toList();
        ObjectNode card = ChoiceCards.card(text, choices);
        ReplyTarget target = ReplyTarget.parse(replyTo);
        if (target instanceof ReplyTarget.Invoke invoke) {
            invokeResponses.card(invoke.activityId(), card);
            return;
        }
        com.microsoft.bot.schema.Attachment attachment = new com.microsoft.bot.schema.Attachment();
        attachment.setContentType(NudgeCards.CONTENT_TYPE);
        attachment.setContent(card);
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setSummary(text.lines().findFirst().orElse("Happy3"));
        activity.setAttachments(List.of(attachment));
        String conversation = target instanceof ReplyTarget.Card found ? found.conversationId()
                : ((ReplyTarget.Conversation) target).conversationId();
        connector.send(conversation(user.tenant(), conversation), activity);
    }

    @Override
    public void post(ChannelRef channel, String text, Optional<Attachment> image) {
        Activity message = text(named(channel.tenant(), text));
        image.ifPresent(file -> {
            com.microsoft.bot.schema.Attachment inline = new com.microsoft.bot.schema.Attachment();
            inline.setContentType(file.mimeType());
            inline.setName(file.fileName());
            inline.setContentUrl("data:" + file.mimeType() + ";base64," + Base64.getEncoder().encodeToString(
                    file.bytes()));
            message.setAttachments(List.of(inline));
        });
        connector.send(conversation(channel.tenant(), channel.channel()), message);
    }

    @Override
    public void directMessage(UserRef user, String text) {
        toPerson(user, text(named(user.tenant(), text)));
    }

    /** A Teams deep link to the message (opens the channel thread in the Teams client). */
    @Override
    public ChatMarkup markup(Platform platform) {
        return MARKUP;
    }

    @Override
    public Optional<String> permalink(MessageRef message) {
        ChannelRef channel = message.channel();
        if (channel.platform() != Platform.TEAMS || !channel.channel().startsWith("19:")) {
            return Optional.empty();
        }
        return Optional.of("https://teams.microsoft.com/l/message/" + encode(channel.channel()) + "/"
                + encode(message.id()) + "?tenantId=" + encode(channel.tenant()) + "&parentMessageId="
                + encode(message.id()));
    }

    private record Sent(String conversationId, String activityId) {
    }

    private Sent toPerson(UserRef user, Activity activity) {
        Optional<ConversationReference> chat = addresses.personalChat(user.tenant(), user.user());
        if (chat.isPresent()) {
            String id = connector.send(chat.get(), activity);
            return new Sent(chat.get().getConversation().getId(), id);
        }
        Installation installation = installations.find(Platform.TEAMS, user.tenant()).orElseThrow(() ->
                ChatDeliveryException.permanentFailure("Happy3 is not installed in Teams tenant " + user.tenant()
                        + ": no service URL to reach " + user.user()));
        ObjectNode details = (ObjectNode) TeamsAddresses.parse(installation.details());
        String serviceUrl = TeamsActivities.text(details.path("serviceUrl")).orElseThrow(() ->
                ChatDeliveryException.permanentFailure("no service URL recorded for tenant " + user.tenant()));
        String botId = installation.botUserId().orElseThrow(() ->
                ChatDeliveryException.permanentFailure("no bot id recorded for tenant " + user.tenant()));
        TeamsConnector.Created created = connector.createPersonalChat(serviceUrl, user.tenant(), botId, user.user(),
                activity);
        String conversationId = created.reference().getConversation().getId();
        addresses.savePersonalChat(user.tenant(), user.user(), created.reference());
        addresses.saveConversation(user.tenant(), conversationId, created.reference());
        log.info("created the 1:1 chat with {}", user.key());
        return new Sent(conversationId, created.firstActivityId());
    }

    /** The stored reference of a conversation, aimed at the reply chain when the id names one. */
    private ConversationReference conversation(String tenant, String conversationId) {
        ConversationReference reference = addresses.conversation(tenant, TeamsActivities.baseOf(conversationId))
                .orElseThrow(() -> ChatDeliveryException.permanentFailure("no conversation reference for "
                        + conversationId + " in tenant " + tenant));
        reference.getConversation().setId(conversationId);
        return reference;
    }

    private List<NudgeCards.Entry> answered(String tenant, String conversationId, String cardId, NudgeMessage nudge,
                                            String outcome) {
        String key = cardKey(TeamsActivities.baseOf(conversationId), cardId);
        List<NudgeCards.Entry> entries = new ArrayList<>(addresses.json(tenant, key).map(NudgeCards::entries)
                .orElse(List.of()));
        String id = nudge.nudgeId().value();
        boolean found = false;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).nudgeId().equals(id)) {
                entries.set(i, entries.get(i).answered(nudge.text(), outcome));
                found = true;
            }
        }
        if (!found) {
            entries.add(NudgeCards.Entry.of(nudge).answered(nudge.text(), outcome));
        }
        addresses.saveJson(tenant, key, NudgeCards.state(entries));
        return entries;
    }

    static String cardKey(String conversationId, String activityId) {
        return "card:" + conversationId + "|" + activityId;
    }

    private static Activity cardActivity(List<NudgeCards.Entry> entries) {
        com.microsoft.bot.schema.Attachment card = new com.microsoft.bot.schema.Attachment();
        card.setContentType(NudgeCards.CONTENT_TYPE);
        card.setContent(NudgeCards.card(entries));
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setSummary(entries.get(0).text());
        activity.setAttachments(List.of(card));
        return activity;
    }

    /** The text with each person the core mentioned ({@link TeamsMarkup#mentionUser}) named as Teams shows them. */
    private String named(String tenant, String text) {
        return TeamsMarkup.named(text, id -> directory.profile(new UserRef(Platform.TEAMS, tenant, id))
                .displayName());
    }

    private static Activity text(String text) {
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setText(ChoiceCards.markdown(text));
        activity.setTextFormat(com.microsoft.bot.schema.TextFormatTypes.MARKDOWN);
        return activity;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The consent warning, once the inbox handler noticed that only @mentions arrive from this channel. */
    @Override
    public Optional<String> channelWarning(ChannelRef channel) {
        return addresses.json(channel.tenant(), "rsc:" + channel.channel())
                .filter(state -> state.path("warned").asBoolean() && !state.path("plain").asBoolean())
                .map(state -> TeamsInboxHandler.RSC_WARNING);
    }
}
