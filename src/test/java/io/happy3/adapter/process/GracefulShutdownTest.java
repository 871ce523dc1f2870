package io.happy3.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void run_stages_runInTheOrderAdded() {
        GracefulShutdown shutdown = new GracefulShutdown()
                .then("http", Duration.ofSeconds(1), () -> ran.add("http"))
                .then("acks", Duration.ofSeconds(1), () -> ran.add("acks"))
                .then("inbox", Duration.ofSeconds(1), () -> ran.add("inbox"))
                .then("scheduler", Duration.ofSeconds(1), () -> ran.add("scheduler"))
                .then("pool", Duration.ofSeconds(1), () -> ran.add("pool"));

        assertThat(shutdown.run()).isTrue();
        assertThat(ran).containsExactly("http", "acks", "inbox", "scheduler", "pool");
    }

    @Test
    void run_hangingStage_isAbandonedAfterItsBudgetAndTheRestStillRun() {
        GracefulShutdown shutdown = new GracefulShutdown()
                .then("http", Duration.ofSeconds(1), () -> ran.add("http"))
                .then("stuck", Duration.ofMillis(300), () -> new CountDownLatch(1).await())
                .then("pool", Duration.ofSeconds(1), () -> ran.add("pool"));

        long start = System.nanoTime();
        boolean clean = shutdown.run();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(clean).isFalse();
        assertThat(ran).containsExactly("http", "pool");
        assertThat(millis).isBetween(300L, 2_000L);
    }

    @Test
    void run_stagesLongerThanTheTotal_finishWithinTheTotal() {
        GracefulShutdown shutdown = new GracefulShutdown(Duration.ofMillis(500))
                .then("slow", Duration.ofSeconds(10), () -> Thread.sleep(10_000))
                .then("never", Duration.ofSeconds(10), () -> ran.add("never"));

        long start = System.nanoTime();
        shutdown.run();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500L);
        assertThat(ran).isEmpty();
    }

    @Test
    void run_failingStage_doesNotStopTheNext() {
        GracefulShutdown shutdown = new GracefulShutdown()
                .then("broken", Duration.ofSeconds(1), () -> {
                    throw new IllegalStateException("boom");
                })
                .then("pool", Duration.ofSeconds(1), () -> ran.add("pool"));

        assertThat(shutdown.run()).isFalse();
        assertThat(ran).containsExactly("pool");
    }

    @Test
    void run_calledTwice_runsStagesOnce() {
        GracefulShutdown shutdown = new GracefulShutdown().then("pool", Duration.ofSeconds(1), () -> ran.add("pool"));

        shutdown.run();
        shutdown.close();

        assertThat(ran).containsExactly("pool");
    }
}
