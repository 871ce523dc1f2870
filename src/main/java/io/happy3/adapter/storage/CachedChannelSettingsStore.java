package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.time.Duration;
import java.util.List;

/**
 * A {@link ReadThroughCache} in front of a {@link ChannelSettingsStore}: {@link #find} is read on every message.
 * A save here invalidates at once; a save by another replica shows after {@code expireAfterWrite}. The lists
 * of followed channels are read from the store itself. Thread-safe.
 */
public final class CachedChannelSettingsStore extends ReadThroughCache<ChannelRef, ChannelSettings>
        implements ChannelSettingsStore {
    private final ChannelSettingsStore delegate;

    /** {@code ticker} is Caffeine's clock: {@link Ticker#systemTicker()}, or a hand-moved one in tests. */
    public CachedChannelSettingsStore(ChannelSettingsStore delegate, long maximumSize, Duration expireAfterWrite,
                                      Ticker ticker) {
        super(delegate::find, delegate::save, ChannelSettings::channel, maximumSize, expireAfterWrite, ticker);
        this.delegate = requireNonNull(delegate, "delegate == null");
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
