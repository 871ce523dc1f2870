package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.customer.CheckIn;
import io.happy3.domain.customer.CheckInStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Check-ins in the {@code check_ins} table, unique on their id. Thread-safe. */
public final class JdbcCheckInStore implements CheckInStore {
    private final Jdbc jdbc;

    public JdbcCheckInStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public boolean record(CheckIn checkIn) {
        requireNonNull(checkIn, "checkIn == null");
        return jdbc.insertUnlessPresent("recording check-in " + checkIn.id(), """
                insert into check_ins (id, tenant, agent_platform, agent_tenant, agent_id, customer_platform,
                  customer_tenant, customer_id, kind, via, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                statement -> {
                    statement.setString(1, checkIn.id());
                    statement.setString(2, checkIn.tenant());
                    Refs.setUser(statement, 3, Optional.of(checkIn.agent()));
                    Refs.setUser(statement, 6, Optional.of(checkIn.customer()));
                    statement.setString(9, checkIn.kind().name());
                    statement.setString(10, checkIn.via().name());
                    Jdbc.setInstant(statement, 11, checkIn.at());
                });
    }

    @Override
    public List<CheckIn> findBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        return jdbc.query("finding check-ins of " + tenant, "select * from check_ins where tenant = ? "
                + "and recorded_at >= ? and recorded_at < ? order by recorded_at, id", statement -> {
                    statement.setString(1, tenant);
                    Jdbc.setInstant(statement, 2, requireNonNull(from, "from == null"));
                    Jdbc.setInstant(statement, 3, requireNonNull(to, "to == null"));
                }, JdbcCheckInStore::read);
    }

    private static CheckIn read(ResultSet rows) throws SQLException {
        return new CheckIn(rows.getString("id"), rows.getString("tenant"), Refs.user(rows, "agent"),
                Refs.user(rows, "customer"), CheckIn.Kind.valueOf(rows.getString("kind")),
                CheckIn.Via.valueOf(rows.getString("via")), Jdbc.getInstant(rows, "recorded_at"));
    }
}
