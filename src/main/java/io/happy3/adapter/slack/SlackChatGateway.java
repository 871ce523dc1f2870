package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.happy3.app.ListCheckIns;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.PermalinkStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeInbox;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.nudge.RenderedNudgeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Happy3 says on Slack. A single nudge arrives as an ephemeral message in its issue's thread;
 * several at once, or one for an agent who is not in the channel, arrive as one direct message. The agent's
 * App Home follows when the scheduler asks ({@link #refreshInbox}), because ephemeral messages vanish on
 * reload. Thread-safe.
 */
public final class SlackChatGateway implements ChatGateway {
    private static final ChatMarkup MARKUP = new SlackMarkup();
    private static final Logger log = LoggerFactory.getLogger(SlackChatGateway.class);
    /** Errors that mean "this person cannot see an ephemeral message there": send a DM instead. */
    private static final Set<String> NOT_IN_CHANNEL = Set.of("user_not_in_channel", "not_in_channel",
            "channel_not_found");

    static final String HINT = "Hi! I follow this channel's customer conversations and nudge agents so every "
            + "customer ends up happy three times. Try `/happy3 help`.";

    private final SlackWebApi api;
    private final NudgeStore nudges;
    private final IssueStore issues;
    private final SlackFiles files;
    /** A message's permalink never changes: asked of Slack ({@code chat.getPermalink}) once per message. */
    private final Cache<MessageRef, String> permalinks = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1)).build();
    /**
     * Each person's direct-message channel with the bot: {@code conversations.open} answers the same channel every
     * time, so it is asked once per person (again after a failed post), not once per message.
     */
    private final Cache<UserRef, String> dmChannels = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(Duration.ofDays(1)).build();
    /** The last rendering of each nudge, so the App Home can show its text and buttons again. */
    private final RenderedNudgeStore rendered;
    private volatile PermalinkStore kept = PermalinkStore.none();
    private volatile SlackCustomerCards cards = SlackCustomerCards.NONE;
    private volatile Function<UserRef, Optional<ListCheckIns.Section>> checkIns = agent -> Optional.empty();
    /**
     * Each agent's check-in list as last built: it reads the tenant's issues of four months, so it is built when the
     * agent opens the home or presses in it, and a delivery's refresh shows the list as it was (a weekly list).
     */
    private final Cache<UserRef, ListCheckIns.Section> checkInSections = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    /** The App Homes the inbox entry this thread handles asked to refresh ({@link #collectingHomes}), if any. */
    private final ThreadLocal<Map<UserRef, Boolean>> collectedHomes = new ThreadLocal<>();

    SlackChatGateway(SlackWebApi api, NudgeStore nudges, IssueStore issues, RenderedNudgeStore rendered) {
        this.api = requireNonNull(api, "api == null");
        this.rendered = requireNonNull(rendered, "rendered == null");
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.files = new SlackFiles(api);
    }

    @Override
    public void deliver(UserRef recipient, List<NudgeMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        rendered.saveAll(messages);
        try {
            if (messages.size() == 1) {
                deliverInThread(recipient, messages.get(0));
            } else {
                directMessage(recipient, messages.size() + " nudges are waiting for you",
                        SlackBlocks.nudges(messages, message -> permalink(message.thread())));
            }
        } catch (SlackApiError e) {
            throw SlackWebApi.translate(e);
        }
    }

    /** The App Home follows a delivery when the scheduler asks, at most every half minute per agent. */
    @Override
    public void refreshInbox(UserRef agent) {
        refreshHome(agent);
    }

    private void deliverInThread(UserRef recipient, NudgeMessage message) {
        ArrayNode blocks = SlackBlocks.nudge(message);
        try {
            ObjectNode body = SlackPayload.JSON.createObjectNode().put("channel", message.channel().channel())
                    .put("user", recipient.user()).put("thread_ts", message.thread().id()).put("text", message.text());
            body.set("blocks", blocks);
            api.postJson(recipient.tenant(), "chat.postEphemeral", body);
        } catch (SlackApiError e) {
            if (!NOT_IN_CHANNEL.contains(e.error())) {
                throw e;
            }
            log.info("{} cannot see {} ({}); sending nudge {} as a DM", recipient.key(), message.channel().key(),
                    e.error(), message.nudgeId());
            directMessage(recipient, message.text(),
                    SlackBlocks.nudgeWithLink(message, permalink(message.thread())));
        }
    }

    private void directMessage(UserRef user, String text, ArrayNode blocks) {
        String channel = dmChannels.get(user, person -> api.post(person.tenant(), "conversations.open",
                form -> form.add("users", person.user())).path("channel").path("id").asText());
        try {
            ObjectNode body = SlackPayload.JSON.createObjectNode().put("channel", channel).put("text", text);
            if (blocks != null) {
                body.set("blocks", blocks);
            }
            api.postJson(user.tenant(), "chat.postMessage", body);
        } catch (SlackApiError e) {
            dmChannels.invalidate(user); // the next message opens the conversation again
            throw e;
        }
    }

    /** Keeps every link Slack gives in {@code store}, and looks there before asking Slack. */
    void keepPermalinksIn(PermalinkStore store) {
        this.kept = requireNonNull(store, "store == null");
    }

    /** Lets the App Home's open issues show their customer cards. */
    void showCustomers(SlackCustomerCards customerCards) {
        this.cards = requireNonNull(customerCards, "customerCards == null");
    }

    /** Lets the App Home show the agent's check-in list for the week. */
    void showCheckIns(Function<UserRef, Optional<ListCheckIns.Section>> checkInList) {
        this.checkIns = requireNonNull(checkInList, "checkInList == null");
    }

    /**
     * Republishes the agent's App Home, its check-in list as last built; a failure is logged, never thrown, since
     * the nudge itself arrived.
     */
    void refreshHome(UserRef agent) {
        refreshHome(agent, false);
    }

    /** Republishes the App Home the agent is looking at (opened it, pressed in it): the check-in list built anew. */
    void showHome(UserRef agent) {
        refreshHome(agent, true);
    }

    private void refreshHome(UserRef agent, boolean buildCheckIns) {
        Map<UserRef, Boolean> collecting = collectedHomes.get();
        if (collecting != null) {
            collecting.merge(agent, buildCheckIns, Boolean::logicalOr);
            return;
        }
        try {
            publishHome(agent, buildCheckIns);
        } catch (RuntimeException e) {
            log.warn("App Home of {} not refreshed: {}", agent.key(), e.getMessage());
        }
    }

    /**
     * Runs {@code work} (an inbox entry's handling), holding back the App Homes it refreshes; returns what publishes
     * them, each agent's once (a press in the home refreshed it twice: for the answered nudge, and as the view the
     * agent looks at). The inbox worker runs that after the entry's commit, so a home shows committed state only.
     */
    Runnable collectingHomes(Runnable work) {
        Map<UserRef, Boolean> collected = new LinkedHashMap<>();
        Map<UserRef, Boolean> outer = collectedHomes.get();
        collectedHomes.set(collected);
        try {
            work.run();
        } finally {
            if (outer == null) {
                collectedHomes.remove();
            } else {
                collectedHomes.set(outer);
            }
        }
        return () -> collected.forEach(this::refreshHome);
    }

    /** Publishes the agent's App Home (pending nudges, reminders coming up, open issues, check-ins). */
    void publishHome(UserRef agent, boolean buildCheckIns) {
        NudgeInbox inbox = nudges.findInbox(agent, SlackBlocks.HOME_PAGE);
        List<Issue> open = issues.findActiveOfAgent(agent).stream()
                .filter(issue -> issue.channel().tenant().equals(agent.tenant())).toList();
        SlackCustomerCards customerCards = cards;
        List<SlackCustomerCards.Card> shown = customerCards.of(open.stream()
                .sorted(java.util.Comparator.comparing(Issue::lastActivityAt).reversed())
                .limit(SlackBlocks.HOME_CARD_LIMIT).toList());
        Map<MessageRef, String> links = permalinks(shown.stream().map(card -> card.issue().root()).toList());
        Map<NudgeId, NudgeMessage> renderings = rendered.findAll(SlackBlocks.shownRenderings(inbox));
        ObjectNode view = SlackBlocks.home(inbox, nudge -> Optional.ofNullable(renderings.get(nudge.id())),
                shown, open.size(), issue -> Optional.ofNullable(links.get(issue.root())),
                buildCheckIns ? checkInsOf(agent) : Optional.ofNullable(checkInSections.getIfPresent(agent)));
        try {
            ObjectNode body = SlackPayload.JSON.createObjectNode().put("user_id", agent.user());
            body.set("view", view);
            api.postJson(agent.tenant(), "views.publish", body);
        } catch (SlackApiError e) {
            throw SlackWebApi.translate(e);
        }
    }

    private Optional<ListCheckIns.Section> checkInsOf(UserRef agent) {
        try {
            Optional<ListCheckIns.Section> section = checkIns.apply(agent);
            section.ifPresentOrElse(built -> checkInSections.put(agent, built),
                    () -> checkInSections.invalidate(agent));
            return section;
        } catch (RuntimeException e) {
            log.warn("check-in list of {} not shown in the App Home: {}", agent.key(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void nudgeAnswered(NudgeMessage nudge, String outcome, String replyTo) {
        rendered.save(nudge);
        if (isUrl(replyTo)) {
            ObjectNode body = SlackPayload.JSON.createObjectNode().put("replace_original", true)
                    .put("text", outcome);
            body.set("blocks", SlackBlocks.answered(nudge, outcome));
            api.respond(replyTo, body.toString());
        }
        refreshHome(nudge.recipient());
    }

    /** Answers an @-mention privately with a pointer to the commands. */
    void hint(ChannelRef channel, UserRef user, Optional<String> threadRoot) {
        try {
            api.call(channel.tenant(), "chat.postEphemeral", methods -> methods.chatPostEphemeral(request -> request
                    .channel(channel.channel()).user(user.user()).threadTs(threadRoot.orElse(null))
                    .text(HINT)));
        } catch (SlackApiError e) {
            log.info("mention hint to {} not shown: {}", user.key(), e.error());
        } catch (ChatDeliveryException e) {
            // A courtesy reply: a Slack that times out or keeps answering 5xx must not fail (and retry) the event.
            log.info("mention hint to {} not shown: {}", user.key(), e.getMessage());
        }
    }

    @Override
    public void reply(String replyTo, UserRef user, String text) {
        if (isUrl(replyTo)) {
            api.respond(replyTo, SlackPayload.JSON.createObjectNode().put("response_type", "ephemeral")
                    .put("replace_original", false).put("text", text).toString());
        } else {
            directMessage(user, text);
        }
    }

    @Override
    public void replyWithChoices(String replyTo, UserRef user, String text, List<Choice> choices) {
        ArrayNode blocks = SlackBlocks.choices(text, choices);
        try {
            if (isUrl(replyTo)) {
                ObjectNode body = SlackPayload.JSON.createObjectNode().put("response_type", "ephemeral")
                        .put("replace_original", false).put("text", text);
                body.set("blocks", blocks);
                api.respond(replyTo, body.toString());
            } else {
                directMessage(user, text, blocks);
            }
        } catch (SlackApiError e) {
            throw SlackWebApi.translate(e);
        }
    }

    /** Uploads the file into the person's direct messages with the bot (the review's CSV export). */
    @Override
    public void sendFile(UserRef user, String text, Attachment file) {
        try {
            String channel = api.call(user.tenant(), "conversations.open",
                    methods -> methods.conversationsOpen(request -> request.users(List.of(user.user()))))
                    .getChannel().getId();
            files.upload(new ChannelRef(user.platform(), user.tenant(), channel), text, file);
        } catch (SlackApiError e) {
            throw SlackWebApi.translate(e);
        }
    }

    @Override
    public void post(ChannelRef channel, String text, Optional<Attachment> image) {
        try {
            if (image.isPresent()) {
                files.upload(channel, text, image.get());
            } else {
                api.call(channel.tenant(), "chat.postMessage", methods -> methods.chatPostMessage(request -> request
                        .channel(channel.channel()).text(text)));
            }
        } catch (SlackApiError e) {
            throw SlackWebApi.translate(e);
        }
    }

    @Override
    public void directMessage(UserRef user, String text) {
        try {
            directMessage(user, text, null);
        } catch (SlackApiError e) {
            throw SlackWebApi.translate(e);
        }
    }

    /** Slack's mrkdwn: {@code <@U1>} mentions and {@code <url|label>} links. */
    @Override
    public ChatMarkup markup(Platform platform) {
        return MARKUP;
    }

    @Override
    public Optional<String> permalink(MessageRef message) {
        return Optional.ofNullable(permalinks(List.of(message)).get(message));
    }

    /**
     * From memory, else from the store (one query for all the messages), else asked of Slack once and kept: a
     * message's link never changes, so a restart or another replica never asks again.
     */
    @Override
    public Map<MessageRef, String> permalinks(Collection<MessageRef> messages) {
        Map<MessageRef, String> links = new HashMap<>();
        List<MessageRef> missing = new ArrayList<>();
        for (MessageRef message : messages) {
            if (message.channel().tenant().isEmpty() || message.id().isEmpty()) {
                continue;
            }
            String cached = permalinks.getIfPresent(message);
            if (cached == null) {
                missing.add(message);
            } else {
                links.put(message, cached);
            }
        }
        if (missing.isEmpty()) {
            return links;
        }
        Map<MessageRef, String> stored = kept.findAll(missing);
        permalinks.putAll(stored);
        links.putAll(stored);
        for (MessageRef message : missing) {
            if (!stored.containsKey(message)) {
                askSlack(message).ifPresent(link -> links.put(message, link));
            }
        }
        return links;
    }

    private Optional<String> askSlack(MessageRef message) {
        ChannelRef channel = message.channel();
        try {
            String link = api.call(channel.tenant(), "chat.getPermalink", methods -> methods.chatGetPermalink(
                    request -> request.channel(channel.channel()).messageTs(message.id()))).getPermalink();
            if (link == null || link.isBlank()) {
                return Optional.empty();
            }
            permalinks.put(message, link);
            kept.save(message, link);
            return Optional.of(link);
        } catch (RuntimeException e) {
            log.info("chat.getPermalink for {}/{} failed, no link: {}", channel.key(), message.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isUrl(String replyTo) {
        return replyTo != null && (replyTo.startsWith("https://") || replyTo.startsWith("http://"));
    }
}
