package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Platform;
import java.util.List;

/**
 * Deletes everything the bot stored for one tenant of one platform: issues (with their history), nudges,
 * channel settings, preferences, proud moments and ritual records. Used by the sandbox's reset; no real
 * platform calls it. Runs in one transaction, so a failed reset leaves the tenant as it was.
 */
public final class JdbcTenantEraser {
    private final Jdbc jdbc;

    public JdbcTenantEraser(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    /** Erases {@code tenant} on {@code platform}; returns how many rows went. */
    public int erase(Platform platform, String tenant) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        List<String> byPlatformAndTenant = List.of(
                "delete from issue_events where issue_id in (select id from issues where platform = ? and tenant = ?)",
                "delete from review_tallies where platform = ? and tenant = ?",
                "delete from desired_results where issue_id in "
                        + "(select id from issues where platform = ? and tenant = ?)",
                "delete from issues where platform = ? and tenant = ?",
                "delete from nudges where platform = ? and tenant = ?",
                "delete from rendered_nudges where recipient_platform = ? and recipient_tenant = ?",
                "delete from permalinks where platform = ? and tenant = ?",
                "delete from channel_settings where platform = ? and tenant = ?",
                "delete from agent_preferences where platform = ? and tenant = ?",
                "delete from proud_moments where (channel_platform = ? or channel_platform is null) and tenant = ?",
                "delete from customer_notes where author_platform = ? and tenant = ?",
                "delete from check_ins where agent_platform = ? and tenant = ?");
        return jdbc.inTransaction("erasing tenant " + platform + ":" + tenant, connection -> {
            int rows = 0;
            for (String sql : byPlatformAndTenant) {
                rows += Jdbc.execute(connection, sql, statement -> {
                    statement.setString(1, platform.name());
                    statement.setString(2, tenant);
                });
            }
            // The tallied weeks are only a cache of numbers over the issues (any platform's): recomputed when asked.
            rows += Jdbc.execute(connection, "delete from review_weeks where tenant = ?",
                    statement -> statement.setString(1, tenant));
            rows += Jdbc.execute(connection, "delete from rituals_sent where tenant = ?",
                    statement -> statement.setString(1, tenant));
            return rows;
        });
    }
}
