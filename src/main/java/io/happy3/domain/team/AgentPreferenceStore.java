package io.happy3.domain.team;

import io.happy3.domain.chat.UserRef;
import java.util.Optional;

/** Port: preferences people set themselves (zone, mute). Thread-safe. */
public interface AgentPreferenceStore {
    Optional<AgentProfile> find(UserRef user);

    void save(AgentProfile profile);
}
