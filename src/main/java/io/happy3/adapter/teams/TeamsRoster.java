package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.ChannelInfo;
import com.microsoft.bot.schema.teams.TeamDetails;
import com.microsoft.bot.schema.teams.TeamsChannelAccount;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names as Teams shows them, asked of the Bot Connector's roster ({@code TeamsInfo.getMember},
 * {@code getTeamDetails}, {@code getTeamChannels}) when the activities did not tell: a person's name and Entra
 * object id, a team's name, Entra group id and channel names. Answers (and failures, as empty) are cached in
 * bounded Caffeine caches, so a review naming fifty people costs at most fifty look-ups an hour. Thread-safe.
 */
final class TeamsRoster {
    /** Teams gives the General channel no name of its own. */
    static final String GENERAL = "General";
    private static final Logger log = LoggerFactory.getLogger(TeamsRoster.class);
    private static final Duration REMEMBERED = Duration.ofHours(1);
    private static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    /** A person on the roster. */
    record Member(Optional<String> name, Optional<String> aadObjectId) {
    }

    /** A team: its thread id, name, Entra group id (what Microsoft Graph calls the team), and channel names. */
    record Team(String id, Optional<String> name, Optional<String> aadGroupId, Map<String, String> channels) {
    }

    private final TeamsAddresses addresses;
    private final InstallationStore installations;
    private final TeamsConnector connector;
    private final Cache<UserRef, Optional<Member>> members;
    private final Cache<String, Optional<Team>> teams;
    /** Look-ups that failed (throttled, unreachable, refused): not asked again for a few minutes. */
    private final Cache<String, Boolean> failed;

    TeamsRoster(TeamsAddresses addresses, InstallationStore installations, TeamsConnector connector, Ticker ticker) {
        this.addresses = requireNonNull(addresses, "addresses == null");
        this.installations = requireNonNull(installations, "installations == null");
        this.connector = requireNonNull(connector, "connector == null");
        this.members = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REMEMBERED).ticker(ticker).build();
        this.teams = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(REMEMBERED).ticker(ticker).build();
        this.failed = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(RETRY_AFTER).ticker(ticker).build();
    }

    /** The person as the roster of {@code user}'s tenant has them; empty when Teams cannot say. */
    Optional<Member> member(UserRef user) {
        Optional<Member> cached = members.getIfPresent(user);
        if (cached != null || failed.getIfPresent("member|" + user.key()) != null) {
            return cached == null ? Optional.empty() : cached;
        }
        try {
            Optional<Member> found = lookUpMember(user);
            members.put(user, found);
            return found;
        } catch (RuntimeException e) {
            log.info("Teams roster has no member {}: {}", user.key(), e.getMessage());
            failed.put("member|" + user.key(), true);
            return Optional.empty();
        }
    }

    private Optional<Member> lookUpMember(UserRef user) {
        Optional<ConversationReference> where = addresses.personalChat(user.tenant(), user.user())
                .or(() -> installed(user.tenant()).flatMap(team -> reference(user.tenant(), team)));
        Optional<TeamsChannelAccount> found = where.map(reference -> connector.member(reference, user.user()));
        return found.map(account -> new Member(nonBlank(account.getName()), nonBlank(account.getAadObjectId())));
    }

    /** The team channel {@code channel} belongs to, when an activity said so (or it is the team's General). */
    Optional<Team> teamOf(ChannelRef channel) {
        String base = TeamsActivities.baseOf(channel.channel());
        Optional<String> teamId = addresses.json(channel.tenant(), "team:" + base)
                .flatMap(json -> TeamsActivities.text(json.path("team")));
        return teamId.flatMap(id -> team(channel.tenant(), id));
    }

    /** The channel's name as Teams shows it: the channel's own, "General", or "a chat" outside teams. */
    Optional<String> channelName(ChannelRef channel) {
        String base = TeamsActivities.baseOf(channel.channel());
        Optional<Team> team = teamOf(channel);
        if (team.isPresent()) {
            return Optional.of(team.get().channels().getOrDefault(base, base.equals(team.get().id()) ? GENERAL
                    : team.get().name().orElse(GENERAL)));
        }
        return base.startsWith("19:") ? Optional.empty() : Optional.of("a chat");
    }

    Optional<Team> team(String tenant, String teamId) {
        String key = tenant + "|" + teamId;
        Optional<Team> cached = teams.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Optional<ObjectNode> seen = addresses.json(tenant, "team-info:" + teamId);
        Optional<Team> fromActivities = seen.map(json -> new Team(teamId, TeamsActivities.text(json.path("name")),
                TeamsActivities.text(json.path("aadGroupId")), Map.of()));
        if (failed.getIfPresent("team|" + key) != null) {
            return fromActivities;
        }
        try {
            Optional<Team> found = lookUpTeam(tenant, teamId, fromActivities);
            teams.put(key, found);
            return found;
        } catch (RuntimeException e) {
            log.info("Teams roster has no team {} in {}: {}", teamId, tenant, e.getMessage());
            failed.put("team|" + key, true);
            return fromActivities;
        }
    }

    private Optional<Team> lookUpTeam(String tenant, String teamId, Optional<Team> fromActivities) {
        Optional<ConversationReference> where = reference(tenant, teamId);
        if (where.isEmpty()) {
            return fromActivities;
        }
        TeamsConnector.TeamRoster roster = connector.team(where.get(), teamId);
        Map<String, String> channels = new LinkedHashMap<>();
        for (ChannelInfo channel : roster.channels()) {
            channels.put(channel.getId(), nonBlank(channel.getName()).orElse(GENERAL));
        }
        Optional<TeamDetails> details = Optional.ofNullable(roster.details());
        return Optional.of(new Team(teamId,
                details.flatMap(found -> nonBlank(found.getName())).or(() -> fromActivities.flatMap(Team::name)),
                details.flatMap(found -> nonBlank(found.getAadGroupId()))
                        .or(() -> fromActivities.flatMap(Team::aadGroupId)), Map.copyOf(channels)));
    }

    /** Who added the app in {@code tenant}, as recorded with its installation. */
    Optional<String> installer(String tenant) {
        return installations.find(Platform.TEAMS, tenant).flatMap(found -> TeamsActivities.text(
                TeamsAddresses.parse(found.details()).path("installer")));
    }

    /** The team the app was installed in, as recorded with the tenant's installation. */
    private Optional<String> installed(String tenant) {
        return installations.find(Platform.TEAMS, tenant).flatMap(found -> TeamsActivities.text(
                TeamsAddresses.parse(found.details()).path("teamId")));
    }

    /** A reference to reach {@code conversationId}: the stored one, else one made from the installation. */
    private Optional<ConversationReference> reference(String tenant, String conversationId) {
        Optional<ConversationReference> stored = addresses.conversation(tenant, conversationId);
        if (stored.isPresent()) {
            return stored;
        }
        return installations.find(Platform.TEAMS, tenant).flatMap(installation -> {
            Optional<String> serviceUrl = TeamsActivities.text(TeamsAddresses.parse(installation.details())
                    .path("serviceUrl"));
            if (serviceUrl.isEmpty() || installation.botUserId().isEmpty()) {
                return Optional.empty();
            }
            ConversationReference made = new ConversationReference();
            made.setChannelId(TeamsActivities.CHANNEL_ID);
            made.setServiceUrl(serviceUrl.get());
            made.setBot(new ChannelAccount(installation.botUserId().get()));
            ConversationAccount conversation = new ConversationAccount(conversationId);
            conversation.setTenantId(tenant);
            made.setConversation(conversation);
            return Optional.of(made);
        });
    }

    private static Optional<String> nonBlank(String text) {
        return Optional.ofNullable(text).filter(value -> !value.isBlank());
    }
}
