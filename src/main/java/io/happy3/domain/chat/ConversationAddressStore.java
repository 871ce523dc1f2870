package io.happy3.domain.chat;

import java.util.Optional;

/**
 * Port: how to reach a person or channel proactively later (a Teams conversation reference), as
 * adapter-owned JSON keyed by {@code platform:tenant:id}. Persisted so proactive messages survive a restart.
 */
public interface ConversationAddressStore {
    void save(Platform platform, String tenant, String key, String addressJson);

    Optional<String> find(Platform platform, String tenant, String key);
}
