package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CheckIn;
import io.happy3.domain.customer.CheckInStore;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CheckInStoreContractTest extends StoreContract {
    private static final UserRef PRIYA = new UserRef(Platform.SLACK, "T1", "UPRIYA");

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void record_samePressTwice_storedOnceAndFoundInItsWeek(Backend backend) {
        CheckInStore store = backend.checkInStore();
        CheckIn pressed = new CheckIn("press-1", "T1", AGENT, PRIYA, CheckIn.Kind.CHECKED_IN, CheckIn.Via.BUTTON, T0);

        assertThat(store.record(pressed)).isTrue();
        assertThat(store.record(pressed)).isFalse();
        store.record(new CheckIn("msg-2", "T1", AGENT, PRIYA, CheckIn.Kind.SNOOZED, CheckIn.Via.MESSAGE,
                T0.plus(Duration.ofDays(8))));

        assertThat(store.findBetween("T1", T0, T0.plus(Duration.ofDays(7)))).containsExactly(pressed);
        assertThat(store.findBetween("T2", T0, T0.plus(Duration.ofDays(7)))).isEmpty();
    }
}
