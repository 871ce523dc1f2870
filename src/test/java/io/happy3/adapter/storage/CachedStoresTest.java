package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.InMemoryAgentPreferenceStore;
import io.happy3.adapter.memory.InMemoryChannelSettingsStore;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.team.AgentProfile;
import io.happy3.domain.team.ChannelSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedStoresTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void find_savedElsewhere_staleUntilExpiryThenFresh() {
        InMemoryChannelSettingsStore shared = new InMemoryChannelSettingsStore();
        CachedChannelSettingsStore replicaA = new CachedChannelSettingsStore(shared, 100, Duration.ofSeconds(30),
                nanos::get);
        CachedChannelSettingsStore replicaB = new CachedChannelSettingsStore(shared, 100, Duration.ofSeconds(30),
                nanos::get);
        ChannelSettings followed = ChannelSettings.followedWith(CHANNEL, PlaybookId.DEFAULT);
        replicaA.save(followed);
        assertThat(replicaB.find(CHANNEL)).contains(followed);
        ChannelSettings changed = followed.withAgents(Set.of("U1"), Set.of());

        replicaA.save(changed);

        assertThat(replicaA.find(CHANNEL)).contains(changed);
        assertThat(replicaB.find(CHANNEL)).contains(followed);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(31));
        assertThat(replicaB.find(CHANNEL)).contains(changed);
    }

    @Test
    void find_unknownThenSaved_saveInvalidatesTheCachedAbsence() {
        CachedAgentPreferenceStore store = new CachedAgentPreferenceStore(new InMemoryAgentPreferenceStore(), 100,
                Duration.ofMinutes(5), nanos::get);
        assertThat(store.find(AGENT)).isEmpty();
        AgentProfile zoned = AgentProfile.unknown(AGENT).withZone(ZoneId.of("Asia/Tokyo"));

        store.save(zoned);

        assertThat(store.find(AGENT)).contains(zoned);
    }
}
