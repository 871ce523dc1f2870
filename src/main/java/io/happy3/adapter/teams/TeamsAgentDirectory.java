package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.microsoft.bot.schema.Serialization;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.AgentProfile;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link AgentDirectory} for Teams: names, zones and Entra object ids learnt from the activities people send
 * ({@code from.name}, {@code from.aadObjectId}, the {@code localTimezone} Teams reports), persisted so they
 * survive a restart; someone who never wrote is looked up on the team's roster ({@link TeamsRoster}), and a
 * person Teams cannot name is "a Teams user", never a {@code 29:…} id. Team owners (per Microsoft Graph,
 * {@link GraphTeamOwners}) administer their team's channels. Teams has no user groups the bot can read, so
 * {@link #groupMembers} is always empty. Profiles are cached in a bounded Caffeine cache. Thread-safe.
 */
public final class TeamsAgentDirectory implements AgentDirectory {
    /** What a person is called when neither their activities nor the roster tell. */
    static final String UNNAMED = "a Teams user";

    private final TeamsAddresses addresses;
    private final TeamsRoster roster;
    private final GraphTeamOwners owners;
    private final Cache<UserRef, Known> cache = Caffeine.newBuilder().maximumSize(10_000).build();

    /** A profile and the person's Entra object id, when known. */
    private record Known(AgentProfile profile, Optional<String> aadObjectId) {
    }

    TeamsAgentDirectory(TeamsAddresses addresses, TeamsRoster roster, GraphTeamOwners owners) {
        this.addresses = requireNonNull(addresses, "addresses == null");
        this.roster = requireNonNull(roster, "roster == null");
        this.owners = requireNonNull(owners, "owners == null");
    }

    @Override
    public AgentProfile profile(UserRef user) {
        return user.platform() != Platform.TEAMS ? AgentProfile.unknown(user) : known(user).profile();
    }

    private Known known(UserRef user) {
        return cache.get(user, key -> load(key, true));
    }

    /** What is stored about {@code user}; asks the roster for what is missing when {@code askRoster}. */
    private Known load(UserRef user, boolean askRoster) {
        Optional<ObjectNode> stored = addresses.json(user.tenant(), key(user));
        Optional<String> name = stored.flatMap(json -> TeamsActivities.text(json.path("name")))
                .filter(found -> !found.equals(user.user()));
        Optional<ZoneId> zone = stored.flatMap(json -> TeamsActivities.text(json.path("zone")))
                .flatMap(TeamsAgentDirectory::zone);
        Optional<String> aad = stored.flatMap(json -> TeamsActivities.text(json.path("aad")));
        if (askRoster && (name.isEmpty() || aad.isEmpty())) {
            Optional<TeamsRoster.Member> member = roster.member(user);
            if (member.isPresent() && (name.isEmpty() && member.get().name().isPresent()
                    || aad.isEmpty() && member.get().aadObjectId().isPresent())) {
                name = name.or(() -> member.get().name());
                aad = aad.or(() -> member.get().aadObjectId());
                save(user, name, zone, aad);
            }
        }
        return new Known(new AgentProfile(user, name.orElse(UNNAMED), zone, Optional.empty()), aad);
    }

    @Override
    public Set<String> groupMembers(String tenant, String groupId) {
        return Set.of();
    }

    /** Teams has no tenant-wide admin the bot can see: owners are per team, {@link #administers(UserRef, ChannelRef)}. */
    @Override
    public boolean administers(UserRef user) {
        return false;
    }

    /** An owner of the team {@code channel} belongs to, per Microsoft Graph; false outside teams or when unknown. */
    @Override
    public boolean administers(UserRef user, ChannelRef channel) {
        if (user.platform() != Platform.TEAMS || !owners.enabled()) {
            return false;
        }
        Optional<String> aad = known(user).aadObjectId()
                .or(() -> roster.member(user).flatMap(TeamsRoster.Member::aadObjectId));
        Optional<String> group = roster.teamOf(channel).flatMap(TeamsRoster.Team::aadGroupId);
        return aad.isPresent() && group.isPresent() && owners.owns(user.tenant(), group.get(), aad.get());
    }

    @Override
    public boolean knowsAdministrators(UserRef user) {
        return user.platform() == Platform.TEAMS && owners.enabled();
    }

    /** Whoever added the app to a team in {@code user}'s tenant: its first lead. */
    @Override
    public Optional<String> installer(UserRef user) {
        return user.platform() == Platform.TEAMS ? roster.installer(user.tenant()) : Optional.empty();
    }

    @Override
    public Optional<String> channelName(ChannelRef channel) {
        return channel.platform() == Platform.TEAMS ? roster.channelName(channel) : Optional.empty();
    }

    /**
     * Records what an activity told us about its sender; writes only when something changed. Never asks the
     * roster: this runs while Teams waits for the acknowledgement.
     */
    void learn(UserRef user, Optional<String> name, Optional<ZoneId> zone, Optional<String> aadObjectId) {
        Known known = Optional.ofNullable(cache.getIfPresent(user)).orElseGet(() -> load(user, false));
        Optional<String> newName = name.filter(text -> !text.isBlank())
                .or(() -> Optional.of(known.profile().displayName()).filter(found -> !UNNAMED.equals(found)));
        Optional<ZoneId> newZone = zone.or(known.profile()::zone);
        Optional<String> newAad = aadObjectId.filter(text -> !text.isBlank()).or(known::aadObjectId);
        if (newName.orElse(UNNAMED).equals(known.profile().displayName()) && newZone.equals(known.profile().zone())
                && newAad.equals(known.aadObjectId())) {
            return;
        }
        save(user, newName, newZone, newAad);
        if (newName.isEmpty()) {
            cache.invalidate(user); // the next profile asks the roster for the name
        } else {
            cache.put(user, new Known(new AgentProfile(user, newName.get(), newZone, Optional.empty()), newAad));
        }
    }

    private void save(UserRef user, Optional<String> name, Optional<ZoneId> zone, Optional<String> aad) {
        ObjectNode json = Serialization.createObjectNode();
        name.ifPresent(found -> json.put("name", found));
        zone.ifPresent(found -> json.put("zone", found.getId()));
        aad.ifPresent(found -> json.put("aad", found));
        addresses.saveJson(user.tenant(), key(user), json);
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
