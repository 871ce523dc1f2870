package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Serialization;
import io.happy3.app.EventRouter;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.domain.nudge.ChatGateway;
import java.time.Clock;
import java.util.Optional;

/**
 * Processes persisted Teams activities: maps each to {@link ChatEvent}s and hands them to the
 * {@link EventRouter}. Also notices a followed channel from which only @mentions ever arrive (the team owner did
 * not grant the resource-specific consent {@code ChannelMessage.Read.Group}) and says so once in that channel.
 * Idempotent like the core it calls. Thread-safe.
 */
public final class TeamsInboxHandler implements InboxHandler {
    static final String RSC_WARNING = "Heads-up: I only see messages in this channel that @mention me, so I cannot "
            + "follow customer issues here. A team owner can fix this by granting Happy3 the permission to read "
            + "this team's channel messages (reinstall the app and accept the \"ChannelMessage.Read.Group\" "
            + "consent). See docs/teams.md.";
    private static final int MENTIONS_BEFORE_WARNING = 2;

    private final EventRouter router;
    private final ActivityMapper mapper = new ActivityMapper();
    private final TeamsAddresses addresses;
    private final ChatGateway gateway;
    private final InvokeResponses invokeResponses;
    private final Clock clock;
    private final Optional<ResultSubmissions> results;
    private final Cache<String, Boolean> teamsWritten = Caffeine.newBuilder().maximumSize(10_000).build();

    TeamsInboxHandler(EventRouter router, TeamsAddresses addresses, ChatGateway gateway,
                      InvokeResponses invokeResponses, Clock clock, Optional<ResultSubmissions> results) {
        this.results = requireNonNull(results, "results == null");
        this.router = requireNonNull(router, "router == null");
        this.addresses = requireNonNull(addresses, "addresses == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.invokeResponses = requireNonNull(invokeResponses, "invokeResponses == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    @Override
    public Platform platform() {
        return Platform.TEAMS;
    }

    @Override
    public void handle(InboxEntry entry) {
        if (TeamsBot.KIND_CARD_ACTION.equals(entry.kind()) || entry.payload().isEmpty()) {
            return; // answered inline when it arrived; kept in the inbox only so a redelivery is recognised
        }
        Activity activity = TeamsActivities.parse(entry.payload().get());
        rememberTeam(activity);
        for (ChatEvent event : mapper.map(activity, entry.receivedAt())) {
            router.route(event);
        }
        checkConsent(activity);
    }

    /** Answers an {@code adaptiveCard/action} invoke now; returns the invoke response body. */
    ObjectNode answerNow(Activity activity) {
        if (ResultSubmissions.isSubmission(activity)) {
            return results.map(found -> found.answer(activity)).orElseGet(() -> InvokeResponses.messageBody(
                    "Record the result with /happy3 result @customer <the result they need> [by 2026-12-04]."));
        }
        for (ChatEvent event : mapper.map(activity, clock.instant())) {
            router.route(event);
        }
        return invokeResponses.take(activity.getId()).orElseGet(() -> {
            ObjectNode body = Serialization.createObjectNode();
            body.put("statusCode", 200);
            body.put("type", InvokeResponses.MESSAGE);
            body.put("value", "Done.");
            return body;
        });
    }

    /**
     * Which team a channel belongs to ({@code team:}), and the team's name and Entra group id when the activity
     * says ({@code team-info:}, on installs and channel events): what {@link TeamsRoster} needs to name the channel
     * and to ask Microsoft Graph who owns the team. Written only when it changed since this process last wrote it.
     */
    private void rememberTeam(Activity activity) {
        JsonNode team = TeamsActivities.channelData(activity).path("team");
        Optional<String> teamId = TeamsActivities.text(team.path("id"));
        if (teamId.isEmpty() || activity.getConversation() == null) {
            return;
        }
        String tenant = TeamsActivities.tenant(activity);
        writeOnce(tenant, "team:" + TeamsActivities.channel(activity),
                Serialization.createObjectNode().put("team", teamId.get()));
        if (team.hasNonNull("name") || team.hasNonNull("aadGroupId")) {
            ObjectNode info = Serialization.createObjectNode();
            TeamsActivities.text(team.path("name")).ifPresent(name -> info.put("name", name));
            TeamsActivities.text(team.path("aadGroupId")).ifPresent(group -> info.put("aadGroupId", group));
            writeOnce(tenant, "team-info:" + teamId.get(), info);
        }
    }

    private void writeOnce(String tenant, String key, ObjectNode json) {
        String written = tenant + "|" + key + "|" + json;
        if (teamsWritten.getIfPresent(written) == null) {
            addresses.saveJson(tenant, key, json);
            teamsWritten.put(written, Boolean.TRUE);
        }
    }

    private void checkConsent(Activity activity) {
        if (!ActivityTypes.MESSAGE.equals(activity.getType())
                || !"channel".equals(activity.getConversation().getConversationType())) {
            return;
        }
        String tenant = TeamsActivities.tenant(activity);
        String key = "rsc:" + TeamsActivities.channel(activity);
        ObjectNode state = addresses.json(tenant, key).orElseGet(Serialization::createObjectNode);
        if (state.path("plain").asBoolean() || state.path("warned").asBoolean()) {
            return;
        }
        if (!TeamsActivities.mentionsBot(activity)) {
            addresses.saveJson(tenant, key, state.put("plain", true));
            return;
        }
        int mentions = state.path("mentions").asInt() + 1;
        state.put("mentions", mentions);
        if (mentions >= MENTIONS_BEFORE_WARNING) {
            gateway.post(ActivityMapper.channel(activity), RSC_WARNING, Optional.empty());
            state.put("warned", true);
        }
        addresses.saveJson(tenant, key, state);
    }
}
