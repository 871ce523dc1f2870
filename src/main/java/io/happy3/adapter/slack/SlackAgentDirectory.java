package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.team.AgentProfile;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who people are on Slack: display name and time zone from {@code users.info}, user group members from
 * {@code usergroups.users.list}, cached with Caffeine (profiles for an hour, groups for ten minutes). A
 * failed lookup answers {@link AgentProfile#unknown} and is not cached, so the next call tries again.
 * Thread-safe.
 */
public final class SlackAgentDirectory implements AgentDirectory {
    private static final Logger log = LoggerFactory.getLogger(SlackAgentDirectory.class);

    private final SlackWebApi api;
    private final Cache<UserRef, AgentProfile> profiles = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    private final Cache<String, Set<String>> groups = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    /** Admin or owner per user, for a short while: a demoted admin loses the right within minutes. */
    private final Cache<UserRef, Boolean> admins = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();
    /** Organisation names of Slack Connect teams, by team id: they rarely change. */
    private final Cache<String, String> organisations = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(Duration.ofDays(1)).build();
    private final InstallationStore installations;

    SlackAgentDirectory(SlackWebApi api, InstallationStore installations) {
        this.api = requireNonNull(api, "api == null");
        this.installations = requireNonNull(installations, "installations == null");
    }

    /** A workspace admin, owner or primary owner per {@code users.info}; false when the lookup fails. */
    @Override
    public boolean administers(UserRef user) {
        Boolean cached = admins.getIfPresent(user);
        if (cached != null) {
            return cached;
        }
        try {
            JsonNode found = usersInfo(user);
            boolean admin = found.path("is_admin").asBoolean(false) || found.path("is_owner").asBoolean(false)
                    || found.path("is_primary_owner").asBoolean(false);
            admins.put(user, admin);
            return admin;
        } catch (RuntimeException e) {
            log.warn("users.info for {} failed, not treated as an admin: {}", user.key(), e.getMessage());
            return false;
        }
    }

    @Override
    public boolean knowsAdministrators(UserRef user) {
        return true;
    }

    /** The installer recorded by the OAuth install (none with a single {@code SLACK_BOT_TOKEN}). */
    @Override
    public Optional<String> installer(UserRef user) {
        return installations.find(Platform.SLACK, user.tenant()).flatMap(SlackInstallations::installerOf);
    }

    @Override
    public AgentProfile profile(UserRef user) {
        AgentProfile cached = profiles.getIfPresent(user);
        if (cached != null) {
            return cached;
        }
        try {
            JsonNode found = usersInfo(user);
            String name = name(found).orElse(user.user());
            Optional<String> organisation = organisation(user, found);
            AgentProfile profile = new AgentProfile(user, organisation.map(org -> name + " (" + org + ")")
                    .orElse(name), zone(text(found, "tz")), Optional.empty());
            if (organisation.isPresent() || !external(user, found)) {
                profiles.put(user, profile); // an organisation Slack could not name now is asked again next time
            }
            return profile;
        } catch (RuntimeException e) {
            log.warn("users.info for {} failed: {}", user.key(), e.getMessage());
            return AgentProfile.unknown(user);
        }
    }

    /**
     * The {@code user} object of {@code users.info}, read with Jackson rather than the SDK's per-response Gson (the
     * first round of a scheduler backlog asks it for every agent and customer).
     */
    private JsonNode usersInfo(UserRef user) {
        JsonNode found = api.post(user.tenant(), "users.info", form -> form.add("user", user.user())).path("user");
        if (!found.isObject()) {
            throw new IllegalStateException("users.info answered no user");
        }
        return found;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    @Override
    public Set<String> groupMembers(String tenant, String groupId) {
        String key = tenant + ":" + groupId;
        Set<String> cached = groups.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        try {
            Set<String> members = Set.copyOf(api.call(tenant, "usergroups.users.list",
                    methods -> methods.usergroupsUsersList(request -> request.usergroup(groupId))).getUsers());
            groups.put(key, members);
            return members;
        } catch (RuntimeException e) {
            log.warn("usergroups.users.list for {} failed: {}", key, e.getMessage());
            return Set.of();
        }
    }

    /**
     * The organisation of a person from another Slack team (a Slack Connect customer): {@code team.info} of their
     * team, once a day per team. Nothing for the workspace's own people, or when Slack cannot say.
     */
    private Optional<String> organisation(UserRef user, JsonNode found) {
        if (!external(user, found)) {
            return Optional.empty();
        }
        String team = text(found, "team_id");
        String cached = organisations.getIfPresent(team);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Optional<String> name = Optional.ofNullable(api.call(user.tenant(), "team.info",
                    methods -> methods.teamInfo(request -> request.team(team))).getTeam())
                    .map(info -> info.getName()).filter(org -> !org.isBlank());
            name.ifPresent(org -> organisations.put(team, org));
            return name;
        } catch (RuntimeException e) {
            log.info("team.info for {} failed, {} is named without an organisation: {}", team, user.key(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean external(UserRef user, JsonNode found) {
        String team = text(found, "team_id");
        return team != null && !team.isBlank() && !team.equals(user.tenant());
    }

    private static Optional<String> name(JsonNode user) {
        if (user.isMissingNode()) {
            return Optional.empty();
        }
        Optional<String> display = Optional.ofNullable(text(user.path("profile"), "display_name"))
                .filter(name -> !name.isBlank());
        return display.or(() -> Optional.ofNullable(text(user, "real_name")).filter(name -> !name.isBlank()))
                .or(() -> Optional.ofNullable(text(user, "name")));
    }

    private static Optional<ZoneId> zone(String tz) {
        try {
            return tz == null || tz.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(tz));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
