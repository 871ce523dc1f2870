package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one cached-store shape: a bounded Caffeine cache of a store's {@code find}, read through on a miss
 * (an empty answer is cached too) and invalidated by a {@code save} here, even a failing one; a save by another
 * replica shows after {@code expireAfterWrite}. A cached store extends it and implements its port, whose
 * {@code find} and {@code save} this class provides. Thread-safe.
 */
abstract class ReadThroughCache<K, V> {
    private final Cache<K, Optional<V>> cache;
    private final Function<K, Optional<V>> load;
    private final Consumer<V> store;
    private final Function<V, K> keyOf;

    /** Caches {@code load}, writes with {@code store}, and forgets the entry of {@code keyOf(value)} on a save. */
    ReadThroughCache(Function<K, Optional<V>> load, Consumer<V> store, Function<V, K> keyOf, long maximumSize,
                     Duration expireAfterWrite, Ticker ticker) {
        this.load = requireNonNull(load, "load == null");
        this.store = requireNonNull(store, "store == null");
        this.keyOf = requireNonNull(keyOf, "keyOf == null");
        requireNonNull(expireAfterWrite, "expireAfterWrite == null");
        requireNonNull(ticker, "ticker == null");
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).ticker(ticker)
                .build();
    }

    public Optional<V> find(K key) {
        requireNonNull(key, "key == null");
        return cache.get(key, load);
    }

    public void save(V value) {
        requireNonNull(value, "value == null");
        try {
            store.accept(value);
        } finally {
            cache.invalidate(keyOf.apply(value));
        }
    }
}
