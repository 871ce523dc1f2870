package io.happy3.adapter.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a beat at a fixed delay on its own daemon thread until closed: the lease renewal of work in
 * progress (inbox entries, nudges being delivered), so a live worker keeps what it claimed and a dead
 * one loses it within one short lease. A failing beat is logged and the next one runs. Thread-safe.
 */
public final class Heartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final ScheduledExecutorService executor;

    private Heartbeat(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts running {@code beat} every {@code period}, the first time one period from now. */
    public static Heartbeat every(Duration period, String name, Runnable beat) {
        requireNonNull(period, "period == null");
        requireNonNull(name, "name == null");
        requireNonNull(beat, "beat == null");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "happy3-heartbeat-" + name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, period.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                beat.run();
            } catch (RuntimeException e) {
                log.warn("heartbeat '{}' failed: {}", name, e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new Heartbeat(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
