package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bot turn: remembers how to reach the conversation and its sender (persisted references, names, zones,
 * the tenant's installation), then persists the activity to the durable inbox, which is what acknowledging it
 * means. {@code adaptiveCard/action} invokes are the exception: Teams waits for the updated card, so they are
 * answered inline (and still recorded in the inbox, for deduplication). Thread-safe.
 */
final class TeamsBot {
    private static final Logger log = LoggerFactory.getLogger(TeamsBot.class);
    static final String KIND_CARD_ACTION = "card-action";
    private static final Set<String> PERSISTED = Set.of(ActivityTypes.MESSAGE, ActivityTypes.MESSAGE_UPDATE,
            ActivityTypes.MESSAGE_DELETE, ActivityTypes.MESSAGE_REACTION, ActivityTypes.CONVERSATION_UPDATE);
    private static final int MAX_REMEMBERED = 10_000;

    private final InboxStore inbox;
    private final TeamsAddresses addresses;
    private final InstallationStore installations;
    private final TeamsAgentDirectory directory;
    private final Clock clock;
    private final AtomicReference<TeamsInboxHandler> inline = new AtomicReference<>();
    private final Map<String, String> savedReferences = new ConcurrentHashMap<>();

    TeamsBot(InboxStore inbox, TeamsAddresses addresses, InstallationStore installations,
             TeamsAgentDirectory directory, Clock clock) {
        this.inbox = requireNonNull(inbox, "inbox == null");
        this.addresses = requireNonNull(addresses, "addresses == null");
        this.installations = requireNonNull(installations, "installations == null");
        this.directory = requireNonNull(directory, "directory == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Card actions are answered by this handler once the core is wired. */
    void answerCardActionsWith(TeamsInboxHandler handler) {
        inline.set(requireNonNull(handler, "handler == null"));
    }

    CompletableFuture<Void> onTurn(TurnContext turn) {
        Activity activity = turn.getActivity();
        remember(activity);
        if (ActivityTypes.INVOKE.equals(activity.getType())
                && ActivityMapper.CARD_ACTION.equals(activity.getName())) {
            return answerCardAction(turn, activity);
        }
        if (PERSISTED.contains(activity.getType())) {
            boolean fresh = persist(activity, activity.getType());
            log.debug("Teams {} {} {}", activity.getType(), activity.getId(), fresh ? "queued" : "was a redelivery");
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> answerCardAction(TurnContext turn, Activity activity) {
        TeamsInboxHandler handler = inline.get();
        InvokeResponse response;
        if (handler == null) {
            response = new InvokeResponse(503, null); // not recorded, so the retry Teams sends is applied
        } else if (!persist(activity, KIND_CARD_ACTION)) {
            // Teams redelivers an invoke it thinks went unanswered: answering it again would snooze twice.
            log.debug("Teams card action {} was a redelivery; not applied again", activity.getId());
            response = new InvokeResponse(200, InvokeResponses.alreadyAnswered());
        } else {
            ObjectNode body = handler.answerNow(activity);
            response = new InvokeResponse(200, body);
        }
        Activity answer = new Activity(ActivityTypes.INVOKE_RESPONSE);
        answer.setValue(response);
        return turn.sendActivity(answer).thenApply(sent -> null);
    }

    /** Appends the activity to the inbox; false when it was delivered before. */
    private boolean persist(Activity activity, String kind) {
        String payload = TeamsActivities.toJson(activity);
        String eventId = activity.getId() != null && !activity.getId().isBlank() ? activity.getId() : digest(payload);
        InboxEntry entry = InboxEntry.received(Platform.TEAMS, eventId, TeamsActivities.tenant(activity),
                TeamsActivities.orderingKey(activity), kind, payload, clock.instant());
        try {
            return inbox.append(entry);
        } catch (RuntimeException e) {
            throw new InboxUnavailableException("cannot persist Teams activity " + eventId, e);
        }
    }

    private void remember(Activity activity) {
        if (activity.getConversation() == null || activity.getFrom() == null) {
            return;
        }
        String tenant = TeamsActivities.tenant(activity);
        String base = TeamsActivities.conversationBase(activity);
        ConversationReference reference = TeamsAddresses.copy(activity.getConversationReference());
        reference.setLocale(null);
        reference.setActivityId(null);
        reference.getConversation().setId(base);
        reference.getConversation().setTenantId(tenant);
        saveOnce(tenant, "conv:" + base, reference, () -> addresses.saveConversation(tenant, base, reference));
        String channel = TeamsActivities.channel(activity);
        if (!channel.equals(base)) {
            saveOnce(tenant, "conv:" + channel, reference, () -> addresses.saveConversation(tenant, channel,
                    reference));
        }
        String user = activity.getFrom().getId();
        if (TeamsActivities.personal(activity) && user != null) {
            saveOnce(tenant, "user:" + user, reference, () -> addresses.savePersonalChat(tenant, user, reference));
        }
        if (user != null && !user.equals(ActivityMapper.botId(activity).orElse(""))) {
            directory.learn(ActivityMapper.user(activity), Optional.ofNullable(activity.getFrom().getName()),
                    TeamsActivities.zone(activity), Optional.ofNullable(activity.getFrom().getAadObjectId()));
        }
        recordInstallation(activity, tenant);
    }

    private void saveOnce(String tenant, String key, ConversationReference reference, Runnable save) {
        String json = Serialization.toStringSilent(reference);
        if (json.equals(savedReferences.get(tenant + "|" + key))) {
            return;
        }
        save.run();
        if (savedReferences.size() > MAX_REMEMBERED) {
            savedReferences.clear();
        }
        savedReferences.put(tenant + "|" + key, json);
    }

    /** Records the tenant's installation (service URL and bot id) when the bot was added, or first heard of. */
    private void recordInstallation(Activity activity, String tenant) {
        String botId = ActivityMapper.botId(activity).orElse("");
        boolean added = ActivityTypes.CONVERSATION_UPDATE.equals(activity.getType()) && activity.getMembersAdded()
                != null && activity.getMembersAdded().stream().map(ChannelAccount::getId).anyMatch(botId::equals);
        Optional<Installation> known = installations.find(Platform.TEAMS, tenant);
        String serviceUrl = activity.getServiceUrl() == null ? "" : activity.getServiceUrl();
        boolean sameUrl = known.map(found -> TeamsAddresses.parse(found.details()).path("serviceUrl").asText())
                .filter(serviceUrl::equals).isPresent();
        if (known.isPresent() && sameUrl && !added) {
            return;
        }
        ObjectNode details = Serialization.createObjectNode().put("serviceUrl", serviceUrl);
        Optional.ofNullable(activity.teamsGetTeamId()).ifPresent(team -> details.put("teamId", team));
        // Whoever added the app is its first lead, as on Slack; kept when only the service URL changed.
        Optional<String> installer = added ? Optional.ofNullable(activity.getFrom().getId())
                : known.flatMap(found -> TeamsActivities.text(TeamsAddresses.parse(found.details()).path("installer")));
        installer.filter(id -> !id.isBlank() && !id.equals(botId)).ifPresent(id -> details.put("installer", id));
        installations.save(new Installation(Platform.TEAMS, tenant, Optional.of(botId).filter(id -> !id.isBlank()),
                Optional.empty(), details.toString(), known.filter(found -> !added).map(Installation::installedAt)
                .orElse(clock.instant())));
        log.info("Teams installation recorded for tenant {}", tenant);
    }

    private static String digest(String payload) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The inbox could not persist an activity: answer 503 so Teams redelivers it. */
    static final class InboxUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InboxUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
