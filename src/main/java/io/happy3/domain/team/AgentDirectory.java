package io.happy3.domain.team;

import io.happy3.domain.chat.UserRef;
import java.util.Set;

/**
 * Port the platform adapters fill: who people are (name, zone) and which users belong to a user
 * group. Implementations cache; a failed lookup returns {@link AgentProfile#unknown}.
 */
public interface AgentDirectory {
    AgentProfile profile(UserRef user);

    /** The user ids in platform user group {@code groupId} (Slack usergroup); empty if unknown. */
    Set<String> groupMembers(String tenant, String groupId);

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
