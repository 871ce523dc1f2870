package io.happy3.adapter.storage;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 23: embedded H2 drops the inbox index on {@code (status, ordering_key, seq)}, which only the PostgreSQL
 * claim reads (its oldest-of-key subquery); the H2 claim walks {@code (status, seq)}. Each group commit of acks
 * touched that index at one leaf per ordering key (50 channels: 50 pages rewritten per H2 commit), and each done
 * mark moved its row in it: without it, a throwaway harness measured 77 -> 47 µs of committer CPU per appended row
 * and 319 -> 257 µs per done mark. (A Java migration because the change is for one dialect; its name is Flyway's
 * convention, which it reads the version from.)
 */
public final class V23__InboxKeyIndexOnlyOnPostgresql extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).contains("H2")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("drop index if exists inbox_status_key_seq");
        }
    }
}
