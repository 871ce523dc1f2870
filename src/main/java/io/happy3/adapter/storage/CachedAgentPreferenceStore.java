package io.happy3.adapter.storage;

import com.github.benmanes.caffeine.cache.Ticker;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.team.AgentProfile;
import java.time.Duration;

/**
 * A {@link ReadThroughCache} in front of an {@link AgentPreferenceStore}. A save here invalidates at once; a save
 * by another replica shows after {@code expireAfterWrite}. Thread-safe.
 */
public final class CachedAgentPreferenceStore extends ReadThroughCache<UserRef, AgentProfile>
        implements AgentPreferenceStore {
    /** {@code ticker} is Caffeine's clock: {@link Ticker#systemTicker()}, or a hand-moved one in tests. */
    public CachedAgentPreferenceStore(AgentPreferenceStore delegate, long maximumSize, Duration expireAfterWrite,
                                      Ticker ticker) {
        super(delegate::find, delegate::save, AgentProfile::user, maximumSize, expireAfterWrite, ticker);
    }
}
