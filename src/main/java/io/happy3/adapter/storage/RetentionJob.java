package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Deletes stored message text older than a cutoff: processed inbox rows (their dedup memory goes with
 * them, long after any platform redelivery) and the payloads of failed rows, which stay for an operator.
 * Run it daily; thread-safe.
 */
public final class RetentionJob {
    private final Jdbc jdbc;

    public RetentionJob(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    /** Purges text-bearing rows older than {@code olderThan}; returns how many rows it deleted or cleared. */
    public int purge(Instant olderThan) {
        requireNonNull(olderThan, "olderThan == null");
        int deleted = jdbc.update("deleting processed inbox rows before " + olderThan,
                "delete from inbox where status = 'DONE' and done_at < ?",
                statement -> Jdbc.setInstant(statement, 1, olderThan));
        int cleared = jdbc.update("clearing payloads of failed inbox rows before " + olderThan,
                "update inbox set payload = null where status = 'FAILED' and received_at < ? and payload is not null",
                statement -> Jdbc.setInstant(statement, 1, olderThan));
        return deleted + cleared;
    }
}
