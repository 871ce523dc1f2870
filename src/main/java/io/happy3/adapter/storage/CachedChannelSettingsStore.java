package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Caffeine cache in front of a {@link ChannelSettingsStore}: {@link #find} is read on every message.
 * A save here invalidates at once; a save by another replica shows after {@code expireAfterWrite}.
 * Thread-safe.
 */
public final class CachedChannelSettingsStore implements ChannelSettingsStore {
    private final ChannelSettingsStore delegate;
    private final ReadThroughCache<ChannelRef, ChannelSettings> cache;

    public CachedChannelSettingsStore(ChannelSettingsStore delegate, long maximumSize, Duration expireAfterWrite) {
        this(delegate, maximumSize, expireAfterWrite, Ticker.systemTicker());
    }

    /** With the given ticker, so tests can move time on. */
    public CachedChannelSettingsStore(ChannelSettingsStore delegate, long maximumSize, Duration expireAfterWrite,
                                      Ticker ticker) {
        this.delegate = requireNonNull(delegate, "delegate == null");
        this.cache = new ReadThroughCache<>(maximumSize, expireAfterWrite, ticker);
    }

    @Override
    public Optional<ChannelSettings> find(ChannelRef channel) {
        return cache.find(channel, delegate::find);
    }

    @Override
    public void save(ChannelSettings settings) {
        requireNonNull(settings, "settings == null");
        cache.write(settings.channel(), () -> delegate.save(settings));
    }

    @Override
    public List<ChannelSettings> findFollowed(String tenant) {
        return delegate.findFollowed(tenant);
    }

    @Override
    public List<ChannelSettings> findAllFollowed() {
        return delegate.findAllFollowed();
    }
}
