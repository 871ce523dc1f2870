package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsInfo;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.Conversations;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.restclient.RestException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.ChannelInfo;
import com.microsoft.bot.schema.teams.TeamDetails;
import com.microsoft.bot.schema.teams.TeamsChannelAccount;
import io.happy3.app.Telemetry;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.time.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Outbound calls to the Bot Connector through the SDK: send or update an activity in a stored conversation, and
 * create a person's 1:1 chat. Connector failures become {@link ChatDeliveryException}s (429 rate limited with
 * its {@code Retry-After}; 403/404 permanent). {@code serviceUrlOverride} replaces every service URL (local
 * tests and emulators). Thread-safe.
 */
final class TeamsConnector {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TeamsBotAdapter adapter;
    private final MicrosoftAppCredentials credentials;
    private final Optional<String> serviceUrlOverride;
    private final LocaleGuard locale;
    private volatile Telemetry telemetry = Telemetry.none();

    TeamsConnector(TeamsBotAdapter adapter, MicrosoftAppCredentials credentials, Optional<String> serviceUrlOverride,
                   LocaleGuard locale) {
        this.adapter = requireNonNull(adapter, "adapter == null");
        this.credentials = requireNonNull(credentials, "credentials == null");
        this.serviceUrlOverride = requireNonNull(serviceUrlOverride, "serviceUrlOverride == null");
        this.locale = requireNonNull(locale, "locale == null");
    }

    /** Reports every Bot Connector call and its HTTP status (network errors and timeouts included). */
    void reportTo(Telemetry newTelemetry) {
        this.telemetry = requireNonNull(newTelemetry, "telemetry == null");
    }

    /** Sends {@code activity} to the conversation as a new message (not a reply); returns its id. */
    String send(ConversationReference reference, Activity activity) {
        AtomicReference<String> id = new AtomicReference<>("");
        ConversationReference target = prepared(reference);
        run("conversations.send", "send to " + target.getConversation().getId(), () -> adapter.continueConversation(adapter.appId(),
                target, turn -> conversations(turn).sendToConversation(target.getConversation().getId(),
                        addressed(activity, target)).thenAccept(response ->
                        id.set(response == null || response.getId() == null ? "" : response.getId()))));
        return id.get();
    }

    /** Replaces activity {@code activityId} (a card) in the conversation. */
    void update(ConversationReference reference, String activityId, Activity activity) {
        ConversationReference target = prepared(reference);
        Activity replacement = addressed(activity, target);
        replacement.setId(activityId);
        run("conversations.update", "update " + activityId, () -> adapter.continueConversation(adapter.appId(), target,
                turn -> conversations(turn).updateActivity(target.getConversation().getId(), activityId, replacement)
                        .thenApply(response -> null)));
    }

    /**
     * The turn's connector client. Sending through the client rather than the turn context, because the SDK
     * would make every proactive message a reply to the continuation event's made-up activity id.
     */
    private static Conversations conversations(TurnContext turn) {
        ConnectorClient client = turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
        return client.getConversations();
    }

    private static Activity addressed(Activity activity, ConversationReference reference) {
        Activity copy = Activity.clone(activity);
        copy.setChannelId(reference.getChannelId());
        copy.setServiceUrl(reference.getServiceUrl());
        copy.setConversation(reference.getConversation());
        copy.setFrom(reference.getBot());
        copy.setRecipient(reference.getUser());
        copy.setReplyToId(null);
        return copy;
    }

    /** The member {@code userId} as the conversation's roster has them ({@code TeamsInfo.getMember}). */
    TeamsChannelAccount member(ConversationReference reference, String userId) {
        AtomicReference<TeamsChannelAccount> found = new AtomicReference<>();
        ConversationReference target = prepared(reference);
        run("teams.member", "look up member " + userId, () -> adapter.continueConversation(adapter.appId(), target,
                turn -> TeamsInfo.getMember(turn, userId).thenAccept(found::set)));
        return found.get();
    }

    /** The team's name, Entra group id and channels ({@code TeamsInfo.getTeamDetails}, {@code getTeamChannels}). */
    TeamRoster team(ConversationReference reference, String teamId) {
        AtomicReference<TeamDetails> details = new AtomicReference<>();
        AtomicReference<List<ChannelInfo>> channels = new AtomicReference<>(List.of());
        ConversationReference target = prepared(reference);
        run("teams.team", "look up team " + teamId, () -> adapter.continueConversation(adapter.appId(), target,
                turn -> TeamsInfo.getTeamDetails(turn, teamId).thenAccept(details::set)
                        .thenCompose(done -> TeamsInfo.getTeamChannels(turn, teamId))
                        .thenAccept(found -> channels.set(found == null ? List.of() : found))));
        return new TeamRoster(details.get(), channels.get());
    }

    /** What {@link #team} found; {@code details} may be null when Teams answered with nothing. */
    record TeamRoster(TeamDetails details, List<ChannelInfo> channels) {
    }

    /** Creates the bot's 1:1 chat with {@code userId} and sends {@code first} into it. */
    Created createPersonalChat(String serviceUrl, String tenant, String botId, String userId, Activity first) {
        ConversationParameters parameters = new ConversationParameters();
        parameters.setIsGroup(false);
        parameters.setBot(new ChannelAccount(botId));
        parameters.setMembers(List.of(new ChannelAccount(userId)));
        parameters.setTenantId(tenant);
        parameters.setChannelData(Serialization.createObjectNode().set("tenant",
                Serialization.createObjectNode().put("id", tenant)));
        AtomicReference<ConversationReference> created = new AtomicReference<>();
        run("conversations.create", "create the 1:1 chat with " + userId, () -> adapter.createConversation(TeamsActivities.CHANNEL_ID,
                serviceUrlOverride.orElse(serviceUrl), credentials, parameters, turn -> {
                    ConversationReference reference = TeamsAddresses.copy(
                            turn.getActivity().getConversationReference());
                    reference.setLocale(null);
                    reference.setActivityId(null);
                    reference.setServiceUrl(serviceUrl);
                    reference.getConversation().setTenantId(tenant);
                    reference.getConversation().setConversationType("personal");
                    reference.setBot(new ChannelAccount(botId));
                    reference.setUser(new ChannelAccount(userId));
                    created.set(reference);
                    return CompletableFuture.completedFuture(null);
                }));
        // Sent as a new message, not as a reply to the conversation-created event.
        return new Created(created.get(), send(created.get(), first));
    }

    /** A new conversation and the id of the first activity sent into it. */
    record Created(ConversationReference reference, String firstActivityId) {
    }

    private ConversationReference prepared(ConversationReference stored) {
        ConversationReference reference = TeamsAddresses.copy(stored);
        reference.setLocale(null);
        serviceUrlOverride.ifPresent(reference::setServiceUrl);
        if (reference.getConversation() == null) {
            reference.setConversation(new ConversationAccount());
        }
        return reference;
    }

    private void run(String method, String what, java.util.function.Supplier<CompletableFuture<?>> call) {
        try {
            runOnce(what, call);
            telemetry.apiCall(Platform.TEAMS, method, 200);
        } catch (ChatDeliveryException e) {
            telemetry.apiCall(Platform.TEAMS, method, status(e));
            throw e;
        }
    }

    private void runOnce(String what, java.util.function.Supplier<CompletableFuture<?>> call) {
        locale.call(() -> {
            try {
                call.get().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ChatDeliveryException.transientFailure("interrupted: " + what, e);
            } catch (TimeoutException e) {
                throw ChatDeliveryException.transientFailure("timed out: " + what, e);
            } catch (ExecutionException | CompletionException e) {
                throw translate(what, e.getCause() == null ? e : e.getCause());
            } catch (RuntimeException e) {
                throw translate(what, e);
            }
        });
    }

    /** The HTTP status behind {@code failure}, or {@link Telemetry#NETWORK_ERROR} when there was no answer. */
    private static int status(ChatDeliveryException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RestException rest && rest.response() != null) {
                return rest.response().code();
            }
        }
        return Telemetry.NETWORK_ERROR;
    }

    static ChatDeliveryException translate(String what, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ChatDeliveryException delivery) {
            return delivery;
        }
        if (cause instanceof RestException rest && rest.response() != null) {
            int code = rest.response().code();
            String message = "Bot Connector answered " + code + " to " + what;
            if (code == 429) {
                return new ChatDeliveryException(message,
                        Optional.of(Backoff.retryAfter(rest.response().headers().get("Retry-After"),
                                Duration.ofSeconds(30))), false, cause);
            }
            if (code == 403 || code == 404) {
                return new ChatDeliveryException(message, Optional.empty(), true, cause);
            }
            return ChatDeliveryException.transientFailure(message, cause);
        }
        return ChatDeliveryException.transientFailure("cannot " + what + ": " + cause, cause);
    }


}
