package io.happy3.adapter.scheduler;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Platform;
import io.happy3.app.LogContext;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.domain.inbox.InboxStore;
import io.happy3.domain.time.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes the durable inbox: {@link #poll} claims a batch of entries and starts a free thread on each,
 * handing it to its platform's {@link InboxHandler}; a thread that finishes one takes the next claimed entry,
 * claiming the next batch when none is left. Success marks the entry done; failure retries it with
 * exponential backoff (its ordering key waits, other keys go on) and gives up into a visible FAILED
 * state after {@code maxAttempts}. Register {@code worker::poll} on a {@link GuardedTicker}. Thread-safe.
 */
public final class InboxWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    /** Acknowledgements waiting for their commit from which the worker yields ({@link #yieldToAcks}). */
    static final int ACK_PRESSURE = 8;
    /** The longest a worker thread yields to the ack path before it claims its next entry anyway. */
    static final Duration MAX_YIELD = Duration.ofMillis(100);

    private final InboxStore store;
    private final Map<Platform, InboxHandler> handlers = new EnumMap<>(Platform.class);
    private final Clock clock;
    private final String owner;
    private final Settings settings;
    private final ExecutorService executor;
    private final Semaphore freeThreads;
    /** Entries being processed, by sequence: the heartbeat renews their leases. */
    private final Map<Long, InboxEntry> inProgress = new ConcurrentHashMap<>();
    /** Claimed entries no thread has started yet (at most one batch); guarded by the monitor. */
    private final Deque<InboxEntry> claimedWaiting = new ArrayDeque<>();
    private final Heartbeat heartbeat;
    private final Duration maxYield;
    private volatile boolean draining;

    public InboxWorker(InboxStore store, Collection<InboxHandler> handlers, Clock clock, String owner,
                       Settings settings) {
        this(store, handlers, clock, owner, settings, MAX_YIELD);
    }

    /** {@code maxYield}: the longest a thread yields to the ack path ({@link #yieldToAcks}; tests shorten it). */
    InboxWorker(InboxStore store, Collection<InboxHandler> handlers, Clock clock, String owner, Settings settings,
                Duration maxYield) {
        this.maxYield = requireNonNull(maxYield, "maxYield == null");
        this.store = requireNonNull(store, "store == null");
        this.clock = requireNonNull(clock, "clock == null");
        this.owner = requireNonNull(owner, "owner == null");
        this.settings = requireNonNull(settings, "settings == null");
        for (InboxHandler handler : requireNonNull(handlers, "handlers == null")) {
            if (this.handlers.put(handler.platform(), handler) != null) {
                throw new IllegalArgumentException("two inbox handlers for " + handler.platform());
            }
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "happy3-inbox-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.freeThreads = new Semaphore(settings.threads());
        this.heartbeat = Heartbeat.every(settings.lease().dividedBy(4), "inbox", this::renewLeases);
    }

    /** Keeps the leases of entries in progress alive, so a slow handler is not taken over while it runs. */
    private void renewLeases() {
        List<InboxEntry> running = List.copyOf(inProgress.values());
        if (running.isEmpty()) {
            return;
        }
        List<InboxEntry> held = store.renew(running, clock.instant().plus(settings.lease()));
        // An entry that finished while the renewal ran (its done mark waits for no lease) was not lost.
        long lost = running.stream().filter(entry -> !held.contains(entry)
                && inProgress.get(entry.sequence()) == entry).count();
        if (lost > 0) {
            log.warn("{} of {} inbox entries in progress lost their lease to another worker; "
                    + "their outcome will not be recorded here", lost, running.size());
        }
    }

    /**
     * Starts a free thread on each claimed entry, claiming a batch of up to {@code batchSize} when none waits;
     * returns how many threads it started.
     */
    public synchronized int poll() {
        int started = 0;
        while (!draining && freeThreads.tryAcquire()) {
            InboxEntry next;
            try {
                next = nextClaimed();
            } catch (RuntimeException e) {
                freeThreads.release(); // the database is down: the permit stays for the next poll
                throw e;
            }
            if (next == null) {
                freeThreads.release();
                break;
            }
            run(next);
            started++;
        }
        return started;
    }

    /**
     * The next claimed entry: from the waiting batch, else from a new claim of a whole batch (one claim serves
     * many entries: claims run one at a time, and on PostgreSQL each one scans the pending rows); null when
     * nothing is pending. The waiting entries count as in progress, so the heartbeat renews their leases.
     * Callers hold the monitor.
     */
    private InboxEntry nextClaimed() {
        if (claimedWaiting.isEmpty() && !draining) {
            List<InboxEntry> claimed = store.claim(owner, settings.batchSize(), clock.instant(), settings.lease());
            claimed.forEach(entry -> inProgress.put(entry.sequence(), entry));
            claimedWaiting.addAll(claimed);
        }
        return claimedWaiting.poll();
    }

    /** Runs {@code first} on a thread holding a permit, which then goes on with the next claimed entry, if any. */
    private void run(InboxEntry first) {
        executor.execute(() -> {
            try {
                for (InboxEntry current = first; current != null; current = next()) {
                    try {
                        process(current);
                    } finally {
                        inProgress.remove(current.sequence());
                    }
                    yieldToAcks();
                }
            } finally {
                freeThreads.release();
            }
        });
    }

    /**
     * Ingest first: while at least {@link #ACK_PRESSURE} acknowledgements wait for their commit (a surge that
     * saturates the ack path), a thread that finished an entry waits, up to {@code maxYield}, before it
     * claims the next, so the CPU goes to answering the platform. The backlog still drains during a surge (each
     * thread takes at least one entry per {@code maxYield}), and at full speed once the surge ends. At the
     * rates a server sustains the queue stays below the threshold and nothing waits.
     */
    private void yieldToAcks() {
        long deadline = System.nanoTime() + maxYield.toNanos();
        while (store.acksWaiting() >= ACK_PRESSURE && System.nanoTime() < deadline && !draining) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * For a thread that just finished an entry: the next claimed entry (null when none is pending or the worker
     * drains), starting idle threads on the rest of a fresh batch.
     */
    private synchronized InboxEntry next() {
        if (draining) {
            return null;
        }
        InboxEntry next = nextClaimed();
        while (next != null && !claimedWaiting.isEmpty() && freeThreads.tryAcquire()) {
            run(claimedWaiting.poll());
        }
        return next;
    }

    private void process(InboxEntry entry) {
        // Every log line written while this entry is processed carries its team and event id.
        try (LogContext ignored = LogContext.of(entry.tenant(), entry.eventId())) {
            processTagged(entry);
        }
    }

    private void processTagged(InboxEntry entry) {
        InboxHandler handler = handlers.get(entry.platform());
        if (handler == null) {
            recordFailure(entry, "no inbox handler for platform " + entry.platform(), true);
            return;
        }
        boolean done;
        Runnable[] afterCommit = {null};
        try {
            // The handler's writes and the done mark commit together (InboxStore.process).
            done = store.process(entry, () -> afterCommit[0] = handler.handleUntilCommit(entry));
        } catch (RuntimeException e) {
            log.warn("inbox entry {} ({} {} {}) failed on attempt {}", entry.sequence(), entry.platform(),
                    entry.kind(), entry.eventId(), entry.attempts(), e);
            recordFailure(entry, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    entry.attempts() >= settings.maxAttempts());
            return;
        }
        if (!done) {
            log.warn("inbox entry {} was processed after its lease was taken over; the new owner records it",
                    entry.sequence());
            return;
        }
        runAfterCommit(entry, afterCommit[0]);
    }

    /** What the handler left for after the commit: the entry is done whatever happens to it, so it is only logged. */
    private static void runAfterCommit(InboxEntry entry, Runnable afterCommit) {
        if (afterCommit == null) {
            return;
        }
        try {
            afterCommit.run();
        } catch (RuntimeException e) {
            log.warn("inbox entry {} is done, but what followed its commit failed: {}", entry.sequence(),
                    e.toString());
        }
    }

    private void recordFailure(InboxEntry entry, String error, boolean giveUp) {
        Instant retryAt = clock.instant().plus(backoff(entry.attempts()));
        if (giveUp) {
            log.error("inbox entry {} ({} {} {}) failed {} times; giving up, it stays FAILED: {}", entry.sequence(),
                    entry.platform(), entry.kind(), entry.eventId(), entry.attempts(), error);
        }
        try {
            store.markFailed(entry, error, retryAt, giveUp);
        } catch (RuntimeException e) {
            log.warn("inbox entry {} failed and its failure could not be recorded: {}", entry.sequence(),
                    e.toString());
        }
    }

    /** {@code firstRetry} doubled for every attempt after the first, capped at {@code maxRetry}. */
    Duration backoff(int attempts) {
        return settings.backoff().after(attempts);
    }

    /** Waits until no entry is in progress (for tests); false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!freeThreads.tryAcquire(settings.threads(), timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        freeThreads.release(settings.threads());
        return true;
    }

    /**
     * Stops claiming and waits up to {@code timeout} for entries in progress; true when they all finished.
     * Unfinished entries keep their lease and are processed again after it expires.
     */
    public boolean drain(Duration timeout) {
        requireNonNull(timeout, "timeout == null");
        synchronized (this) {
            draining = true;
            // Not started: they keep their lease until it runs out (or the next start on H2 frees it).
            claimedWaiting.forEach(entry -> inProgress.remove(entry.sequence()));
            claimedWaiting.clear();
        }
        executor.shutdown();
        try {
            return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            heartbeat.close();
        }
    }

    @Override
    public void close() {
        if (!drain(Duration.ofSeconds(10))) {
            executor.shutdownNow();
        }
    }

    /**
     * How the worker runs: {@code threads} handlers at once, claiming up to {@code batchSize} entries per
     * poll, each leased for {@code lease} and renewed every quarter lease while it runs, retried after
     * {@code firstRetry}, doubling up to {@code maxRetry}, and FAILED after {@code maxAttempts} attempts.
     */
    public record Settings(int threads, int batchSize, Duration lease, Duration firstRetry, Duration maxRetry,
                           int maxAttempts) {
        public Settings {
            requireNonNull(lease, "lease == null");
            requireNonNull(firstRetry, "firstRetry == null");
            requireNonNull(maxRetry, "maxRetry == null");
            if (threads < 1 || batchSize < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("threads, batchSize and maxAttempts must be >= 1");
            }
            new Backoff(firstRetry, maxRetry);
        }

        /** The wait before an entry's next attempt. */
        public Backoff backoff() {
            return new Backoff(firstRetry, maxRetry);
        }

        /**
         * Four threads, batches of 32 claimed at once, 20-second leases renewed every 5 s while an entry waits or
         * runs (so a dead replica's entries are taken over within about 20 s), retries from 1 s to 5 min, ten
         * attempts.
         */
        public static Settings defaults() {
            return new Settings(4, 32, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(5), 10);
        }

        /** These settings with {@code count} threads. */
        public Settings withThreads(int count) {
            return new Settings(count, batchSize, lease, firstRetry, maxRetry, maxAttempts);
        }
    }
}
