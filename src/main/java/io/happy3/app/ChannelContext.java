package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.Playbook;
import java.util.Set;

/** A followed channel with everything needed to coach in it: its playbook, its agents and leads. */
public record ChannelContext(ChannelRef channel, Playbook playbook, Set<UserRef> agents, Set<String> leads) {
    public ChannelContext {
        requireNonNull(channel, "channel == null");
        requireNonNull(playbook, "playbook == null");
        agents = Set.copyOf(agents);
        leads = Set.copyOf(leads);
    }

    public boolean isAgent(UserRef user) {
        return agents.contains(user);
    }
}
