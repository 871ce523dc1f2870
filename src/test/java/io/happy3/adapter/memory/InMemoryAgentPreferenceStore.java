package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.team.AgentProfile;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** People's preferences in a map. Thread-safe. */
public final class InMemoryAgentPreferenceStore implements AgentPreferenceStore {
    private final Map<UserRef, AgentProfile> profiles = new ConcurrentHashMap<>();

    @Override
    public Optional<AgentProfile> find(UserRef user) {
        requireNonNull(user, "user == null");
        return Optional.ofNullable(profiles.get(user));
    }

    @Override
    public void save(AgentProfile profile) {
        requireNonNull(profile, "profile == null");
        profiles.put(profile.user(), profile);
    }
}
