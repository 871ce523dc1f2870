package io.happy3.app;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.AgentProfile;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Asks each platform's directory about its own people. Thread-safe once built. */
public final class RoutingAgentDirectory implements AgentDirectory {
    private final Map<Platform, AgentDirectory> directories;

    public RoutingAgentDirectory(Map<Platform, AgentDirectory> directories) {
        this.directories = new EnumMap<>(Platform.class);
        this.directories.putAll(directories);
    }

    @Override
    public AgentProfile profile(UserRef user) {
        AgentDirectory directory = directories.get(user.platform());
        return directory == null ? AgentProfile.unknown(user) : directory.profile(user);
    }

    @Override
    public Set<String> groupMembers(String tenant, String groupId) {
        // A group id belongs to the platform that has user groups; the others know no members of it.
        Set<String> members = new java.util.HashSet<>();
        directories.values().forEach(directory -> members.addAll(directory.groupMembers(tenant, groupId)));
        return members;
    }

    @Override
    public boolean administers(UserRef user) {
        AgentDirectory directory = directories.get(user.platform());
        return directory != null && directory.administers(user);
    }

    @Override
    public boolean administers(UserRef user, ChannelRef channel) {
        AgentDirectory directory = directories.get(user.platform());
        return directory != null && directory.administers(user, channel);
    }

    @Override
    public Optional<String> channelName(ChannelRef channel) {
        AgentDirectory directory = directories.get(channel.platform());
        return directory == null ? Optional.empty() : directory.channelName(channel);
    }

    @Override
    public boolean knowsAdministrators(UserRef user) {
        AgentDirectory directory = directories.get(user.platform());
        return directory != null && directory.knowsAdministrators(user);
    }

    @Override
    public Optional<String> installer(UserRef user) {
        AgentDirectory directory = directories.get(user.platform());
        return directory == null ? Optional.empty() : directory.installer(user);
    }
}
