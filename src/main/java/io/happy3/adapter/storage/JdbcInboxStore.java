package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxEntry.InboxStatus;
import io.happy3.domain.inbox.InboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The durable inbox in the {@code inbox} table, unique on (platform, event id). A claim takes the oldest
 * pending entry of each ordering key, and only when no live lease holds it, so one issue's events run in
 * order; {@code attempts} counts claims, so an entry that kills its worker still runs out of attempts, and
 * it fences a claim: completing or renewing a claim whose lease another claim took over changes nothing.
 * Appends share commits ({@link InboxBatchWriter}). The payload (the only customer text Happy3 keeps) is
 * dropped when an entry is done, unless the store was told to keep text, which the retention job then
 * deletes with the row. Thread-safe.
 */
public final class JdbcInboxStore implements InboxStore {
    /** The oldest pending entry per ordering key, if it is due and not leased. */
    /**
     * A pending entry whose lease is free and that is the oldest pending entry of its ordering key. The
     * oldest-of-its-key test is a correlated min() rather than NOT EXISTS: without table statistics
     * (a new table, or autovacuum off) PostgreSQL plans NOT EXISTS as a nested loop over every pending
     * row, quadratic in the backlog (142 s per claim at 13,000 waiting, against 0.3 s for this form).
     */
    private static final String CLAIMABLE = """
            e.status = 'PENDING' and e.available_at <= ? and (e.lease_until is null or e.lease_until <= ?)
              and e.seq = (select min(o.seq) from inbox o where o.status = 'PENDING' and o.ordering_key = e.ordering_key)""";
    private static final int MAX_ERROR_LENGTH = 2000;

    private final Database database;
    private final Jdbc jdbc;
    private final Clock clock;
    private final boolean keepText;

    /** An inbox that drops each payload (the message text) as soon as its entry is processed. */
    public JdbcInboxStore(Database database, Clock clock) {
        this(database, clock, false);
    }

    /**
     * {@code keepText} ({@code HAPPY3_STORE_MESSAGE_TEXT}) keeps a processed entry's payload until the
     * {@link RetentionJob} deletes the row after the retention period.
     */
    public JdbcInboxStore(Database database, Clock clock, boolean keepText) {
        this.database = requireNonNull(database, "database == null");
        this.jdbc = database.jdbc();
        this.clock = requireNonNull(clock, "clock == null");
        this.keepText = keepText;
    }

    /** Persists {@code entry} in the next group commit ({@link InboxBatchWriter}) and returns once it is durable. */
    @Override
    public boolean append(InboxEntry entry) {
        requireNonNull(entry, "entry == null");
        return database.inboxWriter().append(entry);
    }

    @Override
    public List<InboxEntry> claim(String owner, int limit, Instant now, Duration lease) {
        String context = "claiming inbox entries for " + owner;
        Database.Lease asked = new Database.Lease(owner, limit, now, lease);
        if (database.dialect() == Dialect.POSTGRESQL) {
            // Committed without waiting for the WAL flush: a claim that a database crash loses only frees the
            // entry again, and the crash ends the claimer's transactions too.
            return jdbc.inUnitOfWork(context, true, () -> database.claim(context, asked,
                    JdbcInboxStore::claimOnPostgres, JdbcInboxStore::claimOnH2));
        }
        return database.claim(context, asked, JdbcInboxStore::claimOnPostgres, JdbcInboxStore::claimOnH2);
    }

    /**
     * Runs {@code work} and marks the entry done in one transaction, committed asynchronously on PostgreSQL:
     * one commit per processed entry instead of one per statement, none of them waiting for the disk. A crash of
     * the database that loses it only makes the entry run again (the entry is durable since its ack, and issue
     * events and nudges are unique on their keys). The whole unit rolls back when {@code work} throws or the
     * claim was taken over.
     */
    @Override
    public boolean process(InboxEntry claimed, Runnable work) {
        requireNonNull(claimed, "claimed == null");
        requireNonNull(work, "work == null");
        if (database.dialect() != Dialect.POSTGRESQL) {
            return InboxStore.super.process(claimed, work);
        }
        try {
            return jdbc.inUnitOfWork("processing inbox entry " + claimed.sequence(), true, () -> {
                work.run();
                if (!markDone(claimed)) {
                    throw new ClaimTakenOver();
                }
                return true;
            });
        } catch (ClaimTakenOver e) {
            return false;
        }
    }

    /** Rolls a unit of work back when its entry's claim no longer holds: the new owner processes it. */
    private static final class ClaimTakenOver extends RuntimeException {
        ClaimTakenOver() {
            super("claim taken over", null, false, false);
        }
    }

    /**
     * Makes the claim walk the pending rows in sequence order ({@code inbox_status_seq}) and stop at its limit, as it
     * does when the table has statistics. Without them (a new table, autovacuum off, as on the benchmark machine)
     * PostgreSQL estimated a few dozen pending rows, read every pending row with its subquery and sorted them: 270 ms
     * a claim at 30,000 pending, against 0.3–4 ms walking the index. Transaction-local, so only the claim is affected.
     */
    static final String WALK_THE_INDEX = "select set_config('enable_seqscan', 'off', true), "
            + "set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)";
    /** The PostgreSQL claim, one statement ({@link Database.Lease#bindPostgres} binds it). */
    static final String POSTGRES_CLAIM = "update inbox set lease_owner = ?, lease_until = ?, attempts = attempts + 1 "
            + "where seq in (select e.seq from inbox e where " + CLAIMABLE
            + " order by e.seq limit ? for update of e skip locked) returning *";

    private static List<InboxEntry> claimOnPostgres(Connection connection, Database.Lease lease)
            throws SQLException {
        // The settings hold for a transaction: in auto-commit mode they would end with their own statement.
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        List<InboxEntry> claimed;
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute(WALK_THE_INDEX);
            }
            claimed = Jdbc.query(connection, POSTGRES_CLAIM, lease::bindPostgres, JdbcInboxStore::read);
            if (autoCommit) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
        List<InboxEntry> sorted = new ArrayList<>(claimed);
        sorted.sort(Comparator.comparingLong(InboxEntry::sequence));
        return sorted;
    }

    /**
     * H2 has no SKIP LOCKED: the caller serialises claims in this process (an embedded database has one). The walk
     * reads only sequence, key and lease; the payload is read for the entries claimed, not for every row walked.
     */
    private static List<InboxEntry> claimOnH2(Connection connection, Database.Lease lease) throws SQLException {
        List<Long> candidates = oldestFreePerKey(connection, lease.limit(), lease.now());
        List<InboxEntry> claimed = new ArrayList<>();
        String sql = "update inbox set lease_owner = ?, lease_until = ?, attempts = attempts + 1 where seq = ? "
                + "and status = 'PENDING' and (lease_until is null or lease_until <= ?)";
        try (PreparedStatement update = connection.prepareStatement(sql);
             PreparedStatement select = connection.prepareStatement("select * from inbox where seq = ?")) {
            for (long candidate : candidates) {
                update.setString(1, lease.owner());
                Jdbc.setInstant(update, 2, lease.until());
                update.setLong(3, candidate);
                Jdbc.setInstant(update, 4, lease.now());
                if (update.executeUpdate() == 1) {
                    select.setLong(1, candidate);
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                        claimed.add(read(rows));
                    }
                }
            }
        }
        return claimed;
    }

    /** The fence of a claimed row: its sequence and the attempt count its claim set. */
    private static final String FENCE = "seq = ? and attempts = ? and status = 'PENDING'";

    /** Pending rows read in sequence order, a page at a time, for {@link #oldestFreePerKey}. */
    private static final int H2_PAGE = 500;
    /** How many pending rows one H2 claim looks at, at most, before it settles for fewer entries. */
    private static final int H2_MAX_SCAN = 20_000;

    /**
     * One page of the walk: ordered by the whole index ({@code status, seq}), because ordered by {@code seq} alone
     * H2 does not see that the index already delivers that order, and reads and sorts every pending row.
     */
    static final String H2_PENDING_PAGE = "select seq, ordering_key, available_at, lease_until from inbox "
            + "where status = 'PENDING' and seq > ? order by status, seq limit ?";

    private record Pending(long sequence, String orderingKey, Instant availableAt, Instant leaseUntil) {
    }

    /**
     * The sequences of the oldest pending entry of each ordering key, if it is due and not leased, in sequence
     * order, up to {@code limit}: walks the pending rows in sequence order (the first row seen of a key is its
     * oldest), so the cost grows with the rows looked at, not with the whole backlog times a subquery — H2
     * evaluated the {@link #CLAIMABLE} subquery for every pending row, about 0.3 s a claim at 13,000 pending.
     * Each page is read in index order ({@link #H2_PENDING_PAGE}): sorted by H2 it cost 40 ms a claim at 30,000
     * pending, against 4–6 ms.
     */
    private static List<Long> oldestFreePerKey(Connection connection, int limit, Instant now) throws SQLException {
        List<Long> found = new ArrayList<>();
        java.util.Set<String> seenKeys = new java.util.HashSet<>();
        long after = 0;
        // The first page is sized for the claim: the rows ahead of the free ones are mostly this worker's own.
        int pageSize = Math.min(H2_PAGE, Math.max(64, 4 * limit));
        for (int scanned = 0; found.size() < limit && scanned < H2_MAX_SCAN; ) {
            long from = after;
            int size = pageSize;
            List<Pending> page = Jdbc.query(connection, H2_PENDING_PAGE, statement -> {
                statement.setLong(1, from);
                statement.setInt(2, size);
            }, rows -> new Pending(rows.getLong("seq"), rows.getString("ordering_key"),
                    Jdbc.getInstant(rows, "available_at"), Jdbc.getInstant(rows, "lease_until")));
            scanned += page.size();
            for (Pending row : page) {
                after = row.sequence();
                boolean oldestOfKey = seenKeys.add(row.orderingKey());
                boolean free = !row.availableAt().isAfter(now)
                        && (row.leaseUntil() == null || !row.leaseUntil().isAfter(now));
                if (oldestOfKey && free && found.size() < limit) {
                    found.add(row.sequence());
                }
            }
            if (page.size() < pageSize) {
                break;
            }
            pageSize = H2_PAGE;
        }
        return found;
    }

    /**
     * On embedded H2 the mark rides the next group commit of the acks ({@link InboxBatchWriter#markDone}): each H2
     * commit writes a chunk to the file, which cost more than processing the entry. On PostgreSQL it joins the
     * entry's unit of work ({@link #process}).
     */
    @Override
    public boolean markDone(InboxEntry claimed) {
        requireNonNull(claimed, "claimed == null");
        Instant doneAt = clock.instant();
        if (database.dialect() == Dialect.H2) {
            return database.inboxWriter().markDone(claimed.sequence(), claimed.attempts(), doneAt, !keepText);
        }
        String sql = InboxBatchWriter.MARK_DONE.formatted(keepText ? "" : "payload = null,");
        return jdbc.update("marking inbox entry " + claimed.sequence() + " done", sql, statement -> {
            Jdbc.setInstant(statement, 1, doneAt);
            statement.setLong(2, claimed.sequence());
            statement.setInt(3, claimed.attempts());
        }) == 1;
    }

    @Override
    public boolean markFailed(InboxEntry claimed, String error, Instant retryAt, boolean giveUp) {
        requireNonNull(claimed, "claimed == null");
        requireNonNull(error, "error == null");
        requireNonNull(retryAt, "retryAt == null");
        String sql = """
                update inbox set status = ?, error = ?, available_at = ?, lease_owner = null, lease_until = null
                where\s""" + FENCE;
        return jdbc.update("marking inbox entry " + claimed.sequence() + " failed", sql, statement -> {
            statement.setString(1, giveUp ? InboxStatus.FAILED.name() : InboxStatus.PENDING.name());
            statement.setString(2, Jdbc.truncate(error, MAX_ERROR_LENGTH));
            Jdbc.setInstant(statement, 3, retryAt);
            statement.setLong(4, claimed.sequence());
            statement.setInt(5, claimed.attempts());
        }) == 1;
    }

    @Override
    public List<InboxEntry> renew(List<InboxEntry> claimed, Instant until) {
        requireNonNull(claimed, "claimed == null");
        requireNonNull(until, "until == null");
        if (claimed.isEmpty()) {
            return List.of();
        }
        String sql = "update inbox set lease_until = ? where " + FENCE;
        return jdbc.withConnection("renewing " + claimed.size() + " inbox leases", connection -> {
            List<InboxEntry> held = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (InboxEntry entry : claimed) {
                    Jdbc.setInstant(statement, 1, until);
                    statement.setLong(2, entry.sequence());
                    statement.setInt(3, entry.attempts());
                    if (statement.executeUpdate() == 1) {
                        held.add(entry);
                    }
                }
            }
            if (held.size() < claimed.size()) {
                held.addAll(finishedUnderTheirClaim(connection, claimed, held));
            }
            return held;
        });
    }

    /**
     * The entries of {@code claimed} not in {@code held} that their own claim already finished: the worker's thread
     * may not have noticed yet that its done mark committed (on H2 the mark rides a group commit), and such an entry
     * was not lost to another worker.
     */
    private static List<InboxEntry> finishedUnderTheirClaim(Connection connection, List<InboxEntry> claimed,
                                                            List<InboxEntry> held) throws SQLException {
        List<InboxEntry> finished = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select 1 from inbox where seq = ? and attempts = ? and status <> 'PENDING'")) {
            for (InboxEntry entry : claimed) {
                if (held.contains(entry)) {
                    continue;
                }
                statement.setLong(1, entry.sequence());
                statement.setInt(2, entry.attempts());
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        finished.add(entry);
                    }
                }
            }
        }
        return finished;
    }

    /** The appends waiting for their group commit in this process ({@link InboxBatchWriter}). */
    @Override
    public int acksWaiting() {
        return database.acksWaiting();
    }

    @Override
    public long backlog() {
        return jdbc.queryOne("counting the inbox backlog", "select count(*) from inbox where status = 'PENDING'",
                statement -> { }, rows -> rows.getLong(1)).orElse(0L);
    }

    private static InboxEntry read(ResultSet rows) throws SQLException {
        return new InboxEntry(rows.getLong("seq"), Platform.valueOf(rows.getString("platform")),
                rows.getString("event_id"), rows.getString("tenant"), rows.getString("ordering_key"),
                rows.getString("kind"), Optional.ofNullable(rows.getString("payload")),
                Jdbc.getInstant(rows, "received_at"), rows.getInt("attempts"),
                InboxStatus.valueOf(rows.getString("status")), Optional.ofNullable(rows.getString("error")));
    }
}
