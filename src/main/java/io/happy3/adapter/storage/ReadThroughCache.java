package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one cached-store shape: a bounded Caffeine cache of a store's {@code find}, read through on a miss
 * and invalidated by a write here; a write by another replica shows after {@code expireAfterWrite}.
 * Thread-safe.
 */
final class ReadThroughCache<K, V> {
    private final Cache<K, Optional<V>> cache;

    ReadThroughCache(long maximumSize, Duration expireAfterWrite, Ticker ticker) {
        requireNonNull(expireAfterWrite, "expireAfterWrite == null");
        requireNonNull(ticker, "ticker == null");
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).ticker(ticker)
                .build();
    }

    /** The cached answer for {@code key}, asking {@code load} on a miss (an empty answer is cached too). */
    Optional<V> find(K key, Function<K, Optional<V>> load) {
        requireNonNull(key, "key == null");
        return cache.get(key, load);
    }

    /** Runs {@code write} for {@code key} and forgets the cached answer, even when the write fails. */
    void write(K key, Runnable write) {
        try {
            write.run();
        } finally {
            cache.invalidate(key);
        }
    }
}
