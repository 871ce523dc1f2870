package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CHANNEL;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProudMomentStoreContractTest extends StoreContract {
    private static ProudMoment moment(String id, Instant at) {
        return new ProudMoment(id, "T1", Optional.of(CHANNEL), Optional.of(IssueId.of(new MessageRef(CHANNEL, "m1"))),
                Optional.of(AGENT), Optional.empty(), ProudMoment.Source.STAR_REACTION, "Fixed the export in 5 min",
                Optional.of("https://example.slack.com/archives/C/p1"), at, ProudMoment.Decision.NOMINATED,
                Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void add_sameIdTwice_storesTheFirstOnly(Backend backend) {
        ProudMomentStore store = backend.proudMomentStore();
        ProudMoment first = moment("p1", T0);

        assertThat(store.add(first)).isTrue();
        assertThat(store.add(moment("p1", T0.plusSeconds(5)))).isFalse();

        assertThat(store.find("p1")).contains(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void update_decision_isStored(Backend backend) {
        ProudMomentStore store = backend.proudMomentStore();
        ProudMoment moment = new ProudMoment("p2", "T1", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(AGENT), ProudMoment.Source.PROUD_COMMAND, "We kept every promise", Optional.empty(), T0,
                ProudMoment.Decision.NOMINATED, Optional.empty());
        store.add(moment);
        ProudMoment accepted = moment.decided(ProudMoment.Decision.ACCEPTED, Optional.of("great week"));

        store.update(accepted);

        assertThat(store.find("p2")).contains(accepted);
        assertThatThrownBy(() -> store.update(moment("missing", T0))).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("missing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findBetween_week_returnsTenantsMomentsOldestFirst(Backend backend) {
        ProudMomentStore store = backend.proudMomentStore();
        ProudMoment later = moment("b", T0.plus(Duration.ofDays(2)));
        ProudMoment earlier = moment("a", T0);
        store.add(later);
        store.add(earlier);
        store.add(moment("outside", T0.plus(Duration.ofDays(7))));

        assertThat(store.findBetween("T1", T0, T0.plus(Duration.ofDays(7)))).containsExactly(earlier, later);
        assertThat(store.findBetween("T2", T0, T0.plus(Duration.ofDays(7)))).isEmpty();
    }
}
