package io.happy3.adapter.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardedTickerTest {
    @Test
    void tick_firstTaskThrows_secondTaskStillRuns() {
        AtomicInteger runs = new AtomicInteger();
        try (GuardedTicker ticker = new GuardedTicker("test-ticker", Duration.ofMillis(100))) {
            ticker.register("broken", () -> {
                throw new IllegalStateException("tenant T1 is broken");
            });
            ticker.register("healthy", runs::incrementAndGet);

            ticker.tick();
            ticker.tick();
        }

        assertThat(runs).hasValue(2);
    }

    @Test
    void start_taskThatAlwaysThrows_keepsBeingCalledEveryTick() throws InterruptedException {
        CountDownLatch threeRuns = new CountDownLatch(3);
        CountDownLatch healthyRuns = new CountDownLatch(3);
        try (GuardedTicker ticker = new GuardedTicker("test-ticker", Duration.ofMillis(10))) {
            ticker.register("broken", () -> {
                threeRuns.countDown();
                throw new Error("even an Error does not stop the ticker");
            });
            ticker.register("healthy", healthyRuns::countDown);
            ticker.start();

            assertThat(threeRuns.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(healthyRuns.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void close_runningTicker_stopsTicking() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        GuardedTicker ticker = new GuardedTicker("test-ticker", Duration.ofMillis(5));
        ticker.register("count", runs::incrementAndGet);
        ticker.start();
        Thread.sleep(50);

        ticker.close();
        int afterClose = runs.get();
        Thread.sleep(50);

        assertThat(runs.get()).isEqualTo(afterClose).isPositive();
    }

    @Test
    void constructor_periodOverOneSecond_isRefused() {
        assertThatThrownBy(() -> new GuardedTicker("slow", Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1s");
    }
}
