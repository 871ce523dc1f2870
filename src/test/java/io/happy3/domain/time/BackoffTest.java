package io.happy3.domain.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    @Test
    void after_eachFailure_doublesTheWaitUpToTheCap() {
        assertThat(BACKOFF.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(BACKOFF.after(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(BACKOFF.after(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(BACKOFF.after(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(BACKOFF.after(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void retryAfter_secondsOrFallback_atLeastOneSecond() {
        Duration fallback = Duration.ofSeconds(30);
        assertThat(Backoff.retryAfter(" 7 ", fallback)).isEqualTo(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter("0", fallback)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.retryAfter(null, fallback)).isEqualTo(fallback);
        assertThat(Backoff.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT", fallback)).isEqualTo(fallback);
    }

    @Test
    void waitAfter_networkFailures_backOffUntilTheAttemptsAreUsedUp() {
        RetryPolicy policy = new RetryPolicy(3, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10)),
                Duration.ofSeconds(10));

        assertThat(policy.waitAfter(1, Optional.empty())).contains(Duration.ofMillis(200));
        assertThat(policy.waitAfter(2, Optional.empty())).contains(Duration.ofMillis(400));
        assertThat(policy.waitAfter(3, Optional.empty())).isEmpty();
    }

    @Test
    void waitAfter_rateLimited_waitsWhatThePlatformAsksUnlessThatIsOverTheInlineLimit() {
        RetryPolicy policy = new RetryPolicy(3, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10)),
                Duration.ofSeconds(10));

        assertThat(policy.waitAfter(1, Optional.of(Duration.ofSeconds(3)))).contains(Duration.ofSeconds(3));
        assertThat(policy.waitAfter(1, Optional.of(Duration.ofSeconds(11)))).isEmpty();
        assertThat(policy.waitAfter(3, Optional.of(Duration.ofSeconds(1)))).isEmpty();
    }
}
