package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.PermalinkStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PermalinkStore} in a map, for tests. Thread-safe. */
public final class InMemoryPermalinkStore implements PermalinkStore {
    private final Map<MessageRef, String> links = new ConcurrentHashMap<>();

    @Override
    public Map<MessageRef, String> findAll(Collection<MessageRef> messages) {
        Map<MessageRef, String> found = new LinkedHashMap<>();
        for (MessageRef message : requireNonNull(messages, "messages == null")) {
            String link = links.get(message);
            if (link != null) {
                found.put(message, link);
            }
        }
        return found;
    }

    @Override
    public void save(MessageRef message, String url) {
        links.putIfAbsent(requireNonNull(message, "message == null"), requireNonNull(url, "url == null"));
    }
}
