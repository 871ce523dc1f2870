package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.inbox.InboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for inbox appends: concurrent callers queue their entries, a committer thread writes
 * everything queued in one transaction, and each caller returns only after the commit that holds its row
 * (so an acknowledgement still means "on disk"). While one commit runs, the next batch gathers, so under
 * load many acks share a commit and at low rates nobody waits for a batch to fill. Duplicates (the same
 * platform event id) are skipped with {@code ON CONFLICT DO NOTHING} and reported per row. On embedded H2 the
 * inbox worker's done marks ride the same commits ({@link #markDone}): every H2 commit writes a new chunk of
 * pages to the file, and one commit per processed entry cost more CPU than the entry itself. A batch that fails
 * for one bad row is retried row by row, so one row's error is that row's alone. Thread-safe.
 */
final class InboxBatchWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboxBatchWriter.class);
    private static final String INSERT = """
            insert into inbox (platform, event_id, tenant, ordering_key, kind, payload, received_at, attempts,
              status, available_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
            on conflict do nothing
            """;

    /**
     * How the writer batches: committer threads, rows per commit, how long a caller may wait, and how many
     * rows may wait for a commit at most (beyond that an append is refused at once, so a stalled database
     * cannot fill the heap with waiting requests).
     */
    record Settings(int committers, int maxBatch, Duration maxWait, int maxQueued) {
        Settings {
            requireNonNull(maxWait, "maxWait == null");
            if (committers < 1 || maxBatch < 1 || maxQueued < 1) {
                throw new IllegalArgumentException("committers, maxBatch and maxQueued must be >= 1");
            }
        }

        /**
         * One committer on embedded H2 (it writes one transaction at a time), two on PostgreSQL; at most 4,096
         * rows waiting (each is a request thread blocked on its ack, so Jetty's 64 threads stay far below it).
         */
        static Settings defaults(Dialect dialect) {
            return new Settings(dialect == Dialect.H2 ? 1 : 2, 256, Duration.ofSeconds(10), 4096);
        }
    }

    /**
     * Marks a claimed entry done, fenced by its attempt count ({@link JdbcInboxStore#markDone}); with or without
     * dropping the payload. The two forms are batched apart because a batch is one prepared statement.
     */
    static final String MARK_DONE = """
            update inbox set status = 'DONE', %s error = null, done_at = ?, lease_owner = null, lease_until = null
            where seq = ? and attempts = ? and status = 'PENDING'""";
    private static final String MARK_DONE_DROPPING_PAYLOAD = MARK_DONE.formatted("payload = null,");
    private static final String MARK_DONE_KEEPING_PAYLOAD = MARK_DONE.formatted("");

    /** Work for a committer: an entry to append, or a done mark. */
    private sealed interface Pending {
        CompletableFuture<Boolean> result();
    }

    private record Append(InboxEntry entry, CompletableFuture<Boolean> result) implements Pending {
    }

    private record Mark(long sequence, int attempts, Instant doneAt, boolean dropPayload,
                        CompletableFuture<Boolean> result) implements Pending {
    }

    private final Jdbc jdbc;
    private final Settings settings;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> committers = new ArrayList<>();
    /** Callers inside {@link #append}: queued or in the commit running now. */
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;

    InboxBatchWriter(Jdbc jdbc, Settings settings) {
        this.jdbc = requireNonNull(jdbc, "jdbc == null");
        this.settings = requireNonNull(settings, "settings == null");
        this.queue = new LinkedBlockingQueue<>(settings.maxQueued());
        for (int i = 1; i <= settings.committers(); i++) {
            Thread thread = new Thread(this::run, "happy3-inbox-commit-" + i);
            thread.setDaemon(true);
            committers.add(thread);
            thread.start();
        }
    }

    /**
     * Appends {@code entry} in the next group commit and waits for it; true when stored, false when its
     * event id was stored before.
     *
     * @throws StorageUnavailableException when the database is down, the commit took longer than the wait, or
     *     {@code maxQueued} rows already wait for a commit
     */
    boolean append(InboxEntry entry) {
        requireNonNull(entry, "entry == null");
        if (closed) {
            throw new StorageUnavailableException("the inbox is closed: event " + entry.eventId() + " not stored",
                    null);
        }
        Append pending = new Append(entry, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new StorageUnavailableException(settings.maxQueued() + " inbox rows already wait for the database: "
                    + "event " + entry.eventId() + " not stored", null);
        }
        waiting.incrementAndGet();
        try {
            return pending.result().get(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("appending event " + entry.eventId() + " failed", e.getCause());
        } catch (TimeoutException e) {
            // The row may still commit later; a redelivery is then recognised as a duplicate.
            throw new StorageUnavailableException("appending event " + entry.eventId() + " took longer than "
                    + settings.maxWait().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while appending event " + entry.eventId(), e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /**
     * Marks the claimed entry {@code sequence} done in the next group commit and waits for it, so the mark is as
     * durable on return as a direct update; false when the claim ({@code attempts}) no longer holds. A mark
     * neither counts as an acknowledgement waiting ({@link #waiting}) nor is refused when the queue is full: it is
     * then written at once on the caller's thread.
     *
     * @throws StorageUnavailableException when the database is down or the commit took longer than the wait
     */
    boolean markDone(long sequence, int attempts, Instant doneAt, boolean dropPayload) {
        requireNonNull(doneAt, "doneAt == null");
        Mark mark = new Mark(sequence, attempts, doneAt, dropPayload, new CompletableFuture<>());
        if (closed || !queue.offer(mark)) {
            return jdbc.inTransaction("marking inbox entry " + sequence + " done", connection ->
                    mark(connection, List.of(mark))[0] == 1);
        }
        try {
            return mark.result().get(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("marking inbox entry " + sequence + " done failed", e.getCause());
        } catch (TimeoutException e) {
            throw new StorageUnavailableException("marking inbox entry " + sequence + " done took longer than "
                    + settings.maxWait().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while marking inbox entry " + sequence + " done", e);
        }
    }

    /** Acknowledgements waiting for their commit right now (queued or in the commit that runs). */
    int waiting() {
        return waiting.get();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxBatch() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                batch.forEach(pending -> pending.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        int[] counts;
        try {
            counts = jdbc.inTransaction("writing " + batch.size() + " inbox rows", connection -> write(connection, batch));
        } catch (StorageUnavailableException e) {
            batch.forEach(pending -> pending.result().completeExceptionally(e));
            return;
        } catch (StorageException e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            log.debug("a batch of {} inbox rows failed; writing them one by one: {}", batch.size(), e.toString());
            for (Pending pending : batch) {
                write(List.of(pending));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(counts[i] != 0);
        }
    }

    /** Appends, then done marks, in the caller's transaction; the update counts in the order of {@code batch}. */
    private static int[] write(Connection connection, List<Pending> batch) throws SQLException {
        List<Append> appends = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        for (Pending pending : batch) {
            if (pending instanceof Append append) {
                appends.add(append);
            } else {
                marks.add((Mark) pending);
            }
        }
        int[] appended = appends.isEmpty() ? new int[0] : insert(connection, appends);
        int[] marked = marks.isEmpty() ? new int[0] : mark(connection, marks);
        int[] counts = new int[batch.size()];
        int nextAppend = 0;
        int nextMark = 0;
        for (int i = 0; i < batch.size(); i++) {
            counts[i] = batch.get(i) instanceof Append ? appended[nextAppend++] : marked[nextMark++];
        }
        return counts;
    }

    private static int[] insert(Connection connection, List<Append> batch) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (Append pending : batch) {
                InboxEntry entry = pending.entry();
                statement.setString(1, entry.platform().name());
                statement.setString(2, entry.eventId());
                statement.setString(3, entry.tenant());
                statement.setString(4, entry.orderingKey());
                statement.setString(5, entry.kind());
                statement.setString(6, entry.payload().orElse(null));
                Jdbc.setInstant(statement, 7, entry.receivedAt());
                statement.setInt(8, entry.attempts());
                Jdbc.setInstant(statement, 9, entry.receivedAt());
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /** The done marks, each form (payload dropped or kept) as one batch; the counts in the order of {@code marks}. */
    private static int[] mark(Connection connection, List<Mark> marks) throws SQLException {
        int[] counts = new int[marks.size()];
        for (boolean dropPayload : new boolean[] {true, false}) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < marks.size(); i++) {
                if (marks.get(i).dropPayload() == dropPayload) {
                    indexes.add(i);
                }
            }
            if (indexes.isEmpty()) {
                continue;
            }
            String sql = dropPayload ? MARK_DONE_DROPPING_PAYLOAD : MARK_DONE_KEEPING_PAYLOAD;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int index : indexes) {
                    Mark mark = marks.get(index);
                    Jdbc.setInstant(statement, 1, mark.doneAt());
                    statement.setLong(2, mark.sequence());
                    statement.setInt(3, mark.attempts());
                    statement.addBatch();
                }
                int[] marked = statement.executeBatch();
                for (int i = 0; i < indexes.size(); i++) {
                    counts[indexes.get(i)] = marked[i];
                }
            }
        }
        return counts;
    }

    /** Rows waiting for a committer (for tests). */
    int queued() {
        return queue.size();
    }

    /** Writes what is queued, then stops the committers; later appends fail with a clear error. */
    @Override
    public void close() {
        closed = true;
        for (Thread thread : committers) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
