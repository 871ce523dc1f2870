package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CHANNEL;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.playbook.WorkingHours;
import io.happy3.domain.team.AgentProfile;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract of {@link ChannelSettingsStore} and {@link AgentPreferenceStore}. */
class TeamStoresContractTest extends StoreContract {
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void channelSettingsSave_newThenChanged_findReturnsLatest(Backend backend) {
        ChannelSettingsStore store = backend.channelSettingsStore();
        ChannelSettings followed = ChannelSettings.followedWith(CHANNEL, PlaybookId.DEFAULT);
        store.save(followed);
        ChannelSettings withPeople = followed.withAgents(Set.of("U1", "U2"), Set.of("S-AGENTS"))
                .withLeads(Set.of("U-LEAD"));

        store.save(withPeople);

        assertThat(store.find(CHANNEL)).contains(withPeople);
        assertThat(store.find(new ChannelRef(Platform.SLACK, "T1", "C-NONE"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findFollowed_followedAndUnfollowedChannels_returnsFollowedPerTenant(Backend backend) {
        ChannelSettingsStore store = backend.channelSettingsStore();
        ChannelSettings a = ChannelSettings.followedWith(new ChannelRef(Platform.SLACK, "T1", "C-A"), PlaybookId.DEFAULT);
        ChannelSettings b = new ChannelSettings(new ChannelRef(Platform.SLACK, "T1", "C-B"), true, new PlaybookId("vip"),
                Set.of(), Set.of(), Set.of(), Optional.of("vip-support"));
        ChannelSettings other = ChannelSettings.followedWith(new ChannelRef(Platform.TEAMS, "T2", "19:x"), PlaybookId.DEFAULT);
        store.save(b);
        store.save(a);
        store.save(other);
        store.save(ChannelSettings.followedWith(new ChannelRef(Platform.SLACK, "T1", "C-OFF"), PlaybookId.DEFAULT)
                .withFollowed(false, PlaybookId.DEFAULT));

        assertThat(store.findFollowed("T1")).containsExactly(a, b);
        assertThat(store.findAllFollowed()).containsExactly(a, b, other);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void agentPreferenceSave_zoneThenMute_findReturnsLatest(Backend backend) {
        AgentPreferenceStore store = backend.agentPreferenceStore();
        AgentProfile zoned = AgentProfile.unknown(AGENT).withZone(ZoneId.of("Europe/Berlin"));
        store.save(zoned);
        AgentProfile muted = zoned.withMutedUntil(Optional.of(T0));

        store.save(muted);

        assertThat(store.find(AGENT)).contains(muted);
        assertThat(store.find(Fixtures.CUSTOMER)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void agentPreferenceSave_ownWorkingHours_areReadBackUntilRemoved(Backend backend) {
        AgentPreferenceStore store = backend.agentPreferenceStore();
        AgentProfile withHours = AgentProfile.unknown(AGENT).withHours(Optional.of(WorkingHours.parse("fri-mon 8:30-16")));

        store.save(withHours);
        assertThat(store.find(AGENT)).contains(withHours);

        store.save(withHours.withHours(Optional.empty()));
        assertThat(store.find(AGENT).orElseThrow().hours()).isEmpty();
    }
}
