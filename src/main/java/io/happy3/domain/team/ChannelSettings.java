package io.happy3.domain.team;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.playbook.PlaybookId;
import java.util.Optional;
import java.util.Set;

/**
 * How one channel is followed: by which playbook, with which agents and leads (set by
 * {@code /happy3 follow|agents|leads}; a playbook's own {@code agents} and {@code leads} add to these).
 * {@code agentGroups} are platform user groups whose members are agents.
 */
public record ChannelSettings(ChannelRef channel, boolean followed, PlaybookId playbookId, Set<String> agents,
                              Set<String> agentGroups, Set<String> leads, Optional<String> name) {
    public ChannelSettings {
        requireNonNull(channel, "channel == null");
        requireNonNull(playbookId, "playbookId == null");
        agents = Set.copyOf(agents);
        agentGroups = Set.copyOf(agentGroups);
        leads = Set.copyOf(leads);
        requireNonNull(name, "name == null");
    }

    public static ChannelSettings followedWith(ChannelRef channel, PlaybookId playbookId) {
        return new ChannelSettings(channel, true, playbookId, Set.of(), Set.of(), Set.of(), Optional.empty());
    }

    public ChannelSettings withFollowed(boolean follow, PlaybookId playbook) {
        return new ChannelSettings(channel, follow, playbook, agents, agentGroups, leads, name);
    }

    public ChannelSettings withAgents(Set<String> users, Set<String> groups) {
        return new ChannelSettings(channel, followed, playbookId, users, groups, leads, name);
    }

    public ChannelSettings withLeads(Set<String> users) {
        return new ChannelSettings(channel, followed, playbookId, agents, agentGroups, users, name);
    }
}
