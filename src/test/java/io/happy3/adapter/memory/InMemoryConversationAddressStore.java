package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ConversationAddressStore;
import io.happy3.domain.chat.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Conversation addresses in a map. Thread-safe. */
public final class InMemoryConversationAddressStore implements ConversationAddressStore {
    private final Map<List<String>, String> addresses = new ConcurrentHashMap<>();

    @Override
    public void save(Platform platform, String tenant, String key, String addressJson) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(key, "key == null");
        requireNonNull(addressJson, "addressJson == null");
        addresses.put(List.of(platform.name(), tenant, key), addressJson);
    }

    @Override
    public Optional<String> find(Platform platform, String tenant, String key) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(key, "key == null");
        return Optional.ofNullable(addresses.get(List.of(platform.name(), tenant, key)));
    }
}
