package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.review.RitualLedger;
import java.time.Clock;

/** The ritual ledger in the {@code rituals_sent} table; its primary key makes each record exactly-once. */
public final class JdbcRitualLedger implements RitualLedger {
    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcRitualLedger(Database database, Clock clock) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
        this.clock = requireNonNull(clock, "clock == null");
    }

    @Override
    public boolean markSent(String tenant, String ritual, String period) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(ritual, "ritual == null");
        requireNonNull(period, "period == null");
        return jdbc.insertUnlessPresent("recording ritual " + ritual + " " + period + " for " + tenant,
                "insert into rituals_sent (tenant, ritual, period, sent_at) values (?, ?, ?, ?)", statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, ritual);
                    statement.setString(3, period);
                    Jdbc.setInstant(statement, 4, clock.instant());
                });
    }

    @Override
    public boolean everSent(String tenant, String ritual) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(ritual, "ritual == null");
        return jdbc.queryOne("looking up ritual " + ritual + " for " + tenant,
                "select count(*) as sent from rituals_sent where tenant = ? and ritual = ?", statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, ritual);
                }, rows -> rows.getLong("sent") > 0).orElse(false);
    }

    @Override
    public void release(String tenant, String ritual, String period) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(ritual, "ritual == null");
        requireNonNull(period, "period == null");
        jdbc.update("releasing ritual " + ritual + " " + period + " for " + tenant,
                "delete from rituals_sent where tenant = ? and ritual = ? and period = ?", statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, ritual);
                    statement.setString(3, period);
                });
    }
}
