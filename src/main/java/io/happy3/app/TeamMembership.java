package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;

/**
 * Answers whether someone works in the support team of a workspace/tenant: an agent or lead of the channel they
 * are in, or of any followed channel of their tenant (so a Teams personal chat or a DM works too). Customers are
 * never members, which keeps what agents write about customers away from them.
 */
final class TeamMembership {
    private final TeamDirectory team;

    TeamMembership(TeamDirectory team) {
        this.team = requireNonNull(team, "team == null");
    }

    boolean agentOrLead(ChannelRef where, UserRef user) {
        if (memberOf(where, user)) {
            return true;
        }
        for (ChannelRef channel : team.followedChannels(user.tenant())) {
            if (channel.platform() == user.platform() && memberOf(channel, user)) {
                return true;
            }
        }
        return team.playbooksById().values().stream().anyMatch(playbook -> playbook.agents().contains(user.user())
                || playbook.leads().contains(user.user()));
    }

    private boolean memberOf(ChannelRef channel, UserRef user) {
        return team.followed(channel).map(context -> context.isAgent(user) || context.leads().contains(user.user()))
                .orElse(false);
    }
}
