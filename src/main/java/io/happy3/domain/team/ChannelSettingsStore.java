package io.happy3.domain.team;

import io.happy3.domain.chat.ChannelRef;
import java.util.List;
import java.util.Optional;

/** Port: durable channel settings. Thread-safe. */
public interface ChannelSettingsStore {
    Optional<ChannelSettings> find(ChannelRef channel);

    void save(ChannelSettings settings);

    /** Every followed channel of {@code tenant}. */
    List<ChannelSettings> findFollowed(String tenant);

    /** Every followed channel, across tenants (for weekly rituals). */
    List<ChannelSettings> findAllFollowed();
}
