package io.happy3.domain.team;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import java.util.Optional;
import java.util.Set;

/**
 * Port the platform adapters fill: who people are (name, zone) and which users belong to a user
 * group. Implementations cache; a failed lookup returns {@link AgentProfile#unknown}.
 */
public interface AgentDirectory {
    AgentProfile profile(UserRef user);

    /** The user ids in platform user group {@code groupId} (Slack usergroup); empty if unknown. */
    Set<String> groupMembers(String tenant, String groupId);

    /**
     * True for someone who administers the whole workspace or team: a Slack workspace admin or owner, a
     * Teams team owner. False when unknown or when the lookup fails (the safe answer).
     */
    default boolean administers(UserRef user) {
        return false;
    }

    /**
     * True for someone who administers where {@code channel} lives: on Teams the owners of the channel's team (a
     * workspace-wide admin elsewhere, {@link #administers(UserRef)}). False when unknown or the lookup fails.
     */
    default boolean administers(UserRef user, ChannelRef channel) {
        return administers(user);
    }

    /** The channel's name as the platform shows it, when the platform can tell. */
    default Optional<String> channelName(ChannelRef channel) {
        return Optional.empty();
    }

    /** Whether this platform can tell administrators at all ({@link #administers} is meaningful). */
    default boolean knowsAdministrators(UserRef user) {
        return false;
    }

    /** Who installed the app in {@code user}'s workspace or tenant, when recorded: its first lead. */
    default Optional<String> installer(UserRef user) {
        return Optional.empty();
    }

    /** A directory that knows nobody: names are ids, zones unknown. */
    static AgentDirectory none() {
        return new AgentDirectory() {
            @Override
            public AgentProfile profile(UserRef user) {
                return AgentProfile.unknown(user);
            }

            @Override
            public Set<String> groupMembers(String tenant, String groupId) {
                return Set.of();
            }
        };
    }
}
