package io.happy3.domain.chat;

import java.util.Collection;
import java.util.Map;

/**
 * Port: the link of each message the platform gave once ({@code chat.getPermalink} on Slack), kept so that a
 * restart or another replica never asks again; a message's link never changes. Thread-safe.
 */
public interface PermalinkStore {
    /** The stored links of those of {@code messages} that have one (one query where the store can). */
    Map<MessageRef, String> findAll(Collection<MessageRef> messages);

    /** Keeps {@code url} as the link of {@code message}; a link stored before stays. */
    void save(MessageRef message, String url);

    /** Keeps no link: every lookup goes to the platform (tests, and a platform without a store). */
    static PermalinkStore none() {
        return new PermalinkStore() {
            @Override
            public Map<MessageRef, String> findAll(Collection<MessageRef> messages) {
                return Map.of();
            }

            @Override
            public void save(MessageRef message, String url) {
            }
        };
    }
}
