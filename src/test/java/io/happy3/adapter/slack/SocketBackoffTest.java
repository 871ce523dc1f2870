package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Socket Mode's reconnect pauses: doubling steps, capped, drawn from the upper half of each step. */
class SocketBackoffTest {
    @Test
    void pause_doublesPerAttempt_withinTheUpperHalfOfEachStep() {
        SocketBackoff low = SocketBackoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0.0);
        SocketBackoff high = SocketBackoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0.999);

        assertThat(low.pause(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.pause(1)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
        assertThat(low.pause(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(high.pause(3)).isBetween(Duration.ofMillis(3990), Duration.ofSeconds(4));
    }

    @Test
    void pause_manyAttempts_staysAtTheCap_withoutOverflowing() {
        SocketBackoff backoff = SocketBackoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0.5);

        assertThat(backoff.pause(7)).isEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.pause(40)).isEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.pause(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(45));
    }
}
