package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Serialization;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.AgentProfile;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link AgentDirectory} for Teams: names and zones learnt from the activities people send (their
 * {@code from.name} and the {@code localTimezone} Teams reports), persisted so they survive a restart and
 * cached in memory. Teams has no user groups the bot can read, so {@link #groupMembers} is always empty.
 * Thread-safe.
 */
public final class TeamsAgentDirectory implements AgentDirectory {
    private static final int MAX_CACHED = 10_000;

    private final TeamsAddresses addresses;
    private final Map<UserRef, AgentProfile> cache = new ConcurrentHashMap<>();

    TeamsAgentDirectory(TeamsAddresses addresses) {
        this.addresses = requireNonNull(addresses, "addresses == null");
    }

    @Override
    public AgentProfile profile(UserRef user) {
        if (user.platform() != Platform.TEAMS) {
            return AgentProfile.unknown(user);
        }
        AgentProfile cached = cache.get(user);
        if (cached != null) {
            return cached;
        }
        AgentProfile stored = addresses.json(user.tenant(), key(user)).map(json -> new AgentProfile(user,
                TeamsActivities.text(json.path("name")).orElse(user.user()),
                TeamsActivities.text(json.path("zone")).flatMap(TeamsAgentDirectory::zone), Optional.empty()))
                .orElse(AgentProfile.unknown(user));
        remember(stored);
        return stored;
    }

    @Override
    public Set<String> groupMembers(String tenant, String groupId) {
        return Set.of();
    }

    /** Records what an activity told us about its sender; writes only when something changed. */
    void learn(UserRef user, Optional<String> name, Optional<ZoneId> zone) {
        AgentProfile known = profile(user);
        String newName = name.filter(text -> !text.isBlank()).orElse(known.displayName());
        Optional<ZoneId> newZone = zone.or(known::zone);
        if (newName.equals(known.displayName()) && newZone.equals(known.zone())) {
            return;
        }
        ObjectNode json = Serialization.createObjectNode().put("name", newName);
        newZone.ifPresent(found -> json.put("zone", found.getId()));
        addresses.saveJson(user.tenant(), key(user), json);
        remember(new AgentProfile(user, newName, newZone, Optional.empty()));
    }

    private void remember(AgentProfile profile) {
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(profile.user(), profile);
    }

    private static String key(UserRef user) {
        return "profile:" + user.user();
    }

    private static Optional<ZoneId> zone(String name) {
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
