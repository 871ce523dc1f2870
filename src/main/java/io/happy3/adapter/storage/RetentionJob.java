package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Deletes stored text older than a cutoff: processed inbox rows (their dedup memory goes with them, long
 * after any platform redelivery), the payloads of failed rows, which stay for an operator, and the renderings
 * of nudges long done (answered, cancelled, expired or failed before the cutoff, or past their expiry by then):
 * the App Home only shows open and waiting nudges, and a rendering names the customer. Run it daily; thread-safe.
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
        return deleted + cleared + purgeRenderings(olderThan);
    }

    private int purgeRenderings(Instant olderThan) {
        return jdbc.update("deleting renderings of nudges done before " + olderThan, """
                delete from rendered_nudges where nudge_id in (select id from nudges
                where status in ('ACTED', 'DISMISSED', 'CANCELLED', 'EXPIRED', 'FAILED')
                and coalesce(sent_at, due_at) < ? or expires_at < ?)
                """, statement -> {
                    Jdbc.setInstant(statement, 1, olderThan);
                    Jdbc.setInstant(statement, 2, olderThan);
                });
    }
}
