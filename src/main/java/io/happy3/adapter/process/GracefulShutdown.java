package io.happy3.adapter.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the process in stages, in the order they were added (stop accepting HTTP, finish acks, drain the
 * inbox, stop the scheduler, close the pool), each within its own budget and all within a total bound
 * below Kubernetes' 30-second grace period. A stage that overruns is abandoned and the next one starts.
 * Runs once, whether from {@link #run()}, {@link #close()} or the SIGTERM hook. Thread-safe.
 */
public final class GracefulShutdown implements AutoCloseable {
    /** The default total bound: Kubernetes sends SIGKILL 30 s after SIGTERM. */
    public static final Duration DEFAULT_TOTAL = Duration.ofSeconds(25);
    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private record Stage(String name, Duration budget, AutoCloseable action) {
    }

    private final Duration total;
    private final List<Stage> stages = new ArrayList<>();
    private final AtomicBoolean ran = new AtomicBoolean();

    public GracefulShutdown() {
        this(DEFAULT_TOTAL);
    }

    public GracefulShutdown(Duration total) {
        this.total = requireNonNull(total, "total == null");
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("total <= 0: " + total);
        }
    }

    /** Adds a stage run after those added before; it gets at most {@code budget} (and what is left of the total). */
    public synchronized GracefulShutdown then(String name, Duration budget, AutoCloseable action) {
        requireNonNull(name, "name == null");
        requireNonNull(budget, "budget == null");
        requireNonNull(action, "action == null");
        stages.add(new Stage(name, budget, action));
        return this;
    }

    /** Runs {@link #run()} when the JVM is asked to stop (SIGTERM, SIGINT, {@code System.exit}). */
    public GracefulShutdown installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::run, "shutdown"));
        return this;
    }

    /** Runs the stages once; later calls return at once. Returns true when every stage finished in time. */
    public boolean run() {
        if (!ran.compareAndSet(false, true)) {
            return true;
        }
        List<Stage> ordered;
        synchronized (this) {
            ordered = List.copyOf(stages);
        }
        long start = System.nanoTime();
        long deadline = start + total.toNanos();
        log.info("shutting down: {} stages within {} s", ordered.size(), total.toSeconds());
        boolean clean = true;
        for (Stage stage : ordered) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.warn("shutdown stage '{}' skipped: the {} s bound is spent", stage.name(), total.toSeconds());
                clean = false;
                continue;
            }
            clean &= runStage(stage, Math.min(left, stage.budget().toNanos()));
        }
        log.info("shutdown {} in {} ms", clean ? "complete" : "finished with problems", millisSince(start));
        return clean;
    }

    private static boolean runStage(Stage stage, long budgetNanos) {
        long start = System.nanoTime();
        FutureTask<Void> task = new FutureTask<>(() -> {
            stage.action().close();
            return null;
        });
        Thread thread = new Thread(task, "shutdown-" + stage.name());
        thread.setDaemon(true); // an abandoned stage must not keep the JVM alive
        thread.start();
        try {
            task.get(budgetNanos, TimeUnit.NANOSECONDS);
            log.info("shutdown stage '{}' done in {} ms", stage.name(), millisSince(start));
            return true;
        } catch (TimeoutException e) {
            thread.interrupt();
            log.warn("shutdown stage '{}' abandoned after {} ms", stage.name(), millisSince(start));
        } catch (ExecutionException e) {
            log.warn("shutdown stage '{}' failed after {} ms", stage.name(), millisSince(start), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("shutdown interrupted during stage '{}'", stage.name());
        }
        return false;
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Override
    public void close() {
        run();
    }
}
