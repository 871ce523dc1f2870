package io.happy3.adapter.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs registered tasks one after another on a single thread, every {@code period} (at most one second).
 * A task that throws is logged and runs again next tick; the others are not affected. Tasks must be
 * short: long work belongs on its own pool. Thread-safe.
 */
public final class GuardedTicker implements AutoCloseable {
    public static final Duration MAX_PERIOD = Duration.ofSeconds(1);
    /** A task failing on every tick logs its stack trace once, then once a minute or so. */
    private static final int TRACE_EVERY = 60;
    private static final Logger log = LoggerFactory.getLogger(GuardedTicker.class);

    private final String name;
    private final Duration period;
    private final Duration closeTimeout;
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor;
    private boolean started;

    /** A ticker named {@code name} (its thread's name) that waits up to ten seconds for a running tick on close. */
    public GuardedTicker(String name, Duration period) {
        this(name, period, Duration.ofSeconds(10));
    }

    public GuardedTicker(String name, Duration period, Duration closeTimeout) {
        this.name = requireNonNull(name, "name == null");
        this.period = requireNonNull(period, "period == null");
        this.closeTimeout = requireNonNull(closeTimeout, "closeTimeout == null");
        if (period.isNegative() || period.isZero() || period.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("period must be in (0, 1s]: " + period);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds a task to every tick, from the next tick on. */
    public void register(String taskName, Runnable task) {
        tasks.add(new Task(requireNonNull(taskName, "taskName == null"), requireNonNull(task, "task == null")));
    }

    /**
     * Runs {@code beat} every {@code beatPeriod} on its own thread from now until this ticker closes, beside the
     * ticks: the lease renewal of work a long tick still holds.
     */
    public void heartbeat(String beatName, Duration beatPeriod, Runnable beat) {
        heartbeats.add(Heartbeat.every(beatPeriod, beatName, beat));
    }

    /** A pool of {@code threads} daemon threads for work a tick fans out, stopped when this ticker closes. */
    public ExecutorService pool(String poolName, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, poolName);
            thread.setDaemon(true);
            return thread;
        });
        pools.add(pool);
        return pool;
    }

    /** Starts ticking; the first tick runs at once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("ticker " + name + " already started");
        }
        started = true;
        executor.scheduleWithFixedDelay(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs every task once, guarded; the ticker thread calls this, tests may too. */
    void tick() {
        for (Task task : tasks) {
            task.runGuarded();
        }
    }

    /** Stops ticking, waits for a running tick to finish (up to the close timeout), then stops the heartbeats. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("ticker {} did not stop within {}; interrupting it", name, closeTimeout);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            heartbeats.forEach(Heartbeat::close);
            pools.forEach(ExecutorService::shutdown);
        }
    }

    /** A registered task and how often in a row it failed. */
    private static final class Task {
        private final String name;
        private final Runnable body;
        private int failuresInARow;

        Task(String name, Runnable body) {
            this.name = name;
            this.body = body;
        }

        void runGuarded() {
            try {
                body.run();
                if (failuresInARow > 0) {
                    log.info("task {} works again after {} failed ticks", name, failuresInARow);
                }
                failuresInARow = 0;
            } catch (Throwable e) { // one task's failure, whatever it is, never stops the others
                if (failuresInARow++ % TRACE_EVERY == 0) {
                    log.warn("task {} failed ({} in a row); the ticker keeps going", name, failuresInARow, e);
                } else {
                    log.warn("task {} failed again ({} in a row): {}", name, failuresInARow, e.toString());
                }
            }
        }
    }
}
