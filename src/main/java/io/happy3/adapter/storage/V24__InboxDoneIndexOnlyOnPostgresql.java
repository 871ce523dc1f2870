package io.happy3.adapter.storage;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 24: embedded H2 drops the inbox index on {@code (status, done_at)}. Only the daily retention job's
 * delete reads it, which on H2 walks the done rows of {@code (status, seq)} instead; every group commit of acks
 * touched it and every done mark moved its row in it. Without it, {@code InboxStorageBenchmark} measured (20,000
 * entries, 32 appenders) 18.5 -> 16.1 KiB allocated and 2.5 -> 2.4 KiB written per appended entry, and 60 -> 52 KiB
 * allocated and 10.5 -> 9.1 KiB written per processed one. (A Java migration because the change is for one
 * dialect, like {@link V23__InboxKeyIndexOnlyOnPostgresql}.)
 */
public final class V24__InboxDoneIndexOnlyOnPostgresql extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).contains("H2")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("drop index if exists inbox_status_done");
        }
    }
}
