package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.team.AgentProfile;
import java.time.Duration;
import java.util.Optional;

/**
 * A Caffeine cache in front of an {@link AgentPreferenceStore}. A save here invalidates at once; a save by
 * another replica shows after {@code expireAfterWrite}. Thread-safe.
 */
public final class CachedAgentPreferenceStore implements AgentPreferenceStore {
    private final AgentPreferenceStore delegate;
    private final ReadThroughCache<UserRef, AgentProfile> cache;

    public CachedAgentPreferenceStore(AgentPreferenceStore delegate, long maximumSize, Duration expireAfterWrite) {
        this(delegate, maximumSize, expireAfterWrite, Ticker.systemTicker());
    }

    /** With the given ticker, so tests can move time on. */
    public CachedAgentPreferenceStore(AgentPreferenceStore delegate, long maximumSize, Duration expireAfterWrite,
                                      Ticker ticker) {
        this.delegate = requireNonNull(delegate, "delegate == null");
        this.cache = new ReadThroughCache<>(maximumSize, expireAfterWrite, ticker);
    }

    @Override
    public Optional<AgentProfile> find(UserRef user) {
        return cache.find(user, delegate::find);
    }

    @Override
    public void save(AgentProfile profile) {
        requireNonNull(profile, "profile == null");
        cache.write(profile.user(), () -> delegate.save(profile));
    }
}
