package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.WorkingHours;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.team.AgentProfile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Optional;

/** People's own preferences (zone, mute, working hours) in the {@code agent_preferences} table. Thread-safe. */
public final class JdbcAgentPreferenceStore implements AgentPreferenceStore {
    private final Jdbc jdbc;

    public JdbcAgentPreferenceStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public Optional<AgentProfile> find(UserRef user) {
        requireNonNull(user, "user == null");
        return jdbc.queryOne("finding preferences of " + user.key(),
                "select * from agent_preferences where platform = ? and tenant = ? and user_id = ?",
                statement -> Refs.setUser(statement, 1, Optional.of(user)), JdbcAgentPreferenceStore::read);
    }

    @Override
    public void save(AgentProfile profile) {
        requireNonNull(profile, "profile == null");
        String update = """
                update agent_preferences set display_name = ?, zone = ?, muted_until = ?, working_hours = ?
                where platform = ? and tenant = ? and user_id = ?
                """;
        String insert = """
                insert into agent_preferences (display_name, zone, muted_until, working_hours, platform, tenant,
                user_id) values (?, ?, ?, ?, ?, ?, ?)
                """;
        jdbc.upsert("saving preferences of " + profile.user().key(), update, insert, statement -> {
            statement.setString(1, profile.displayName());
            statement.setString(2, profile.zone().map(ZoneId::getId).orElse(null));
            Jdbc.setInstant(statement, 3, profile.mutedUntil().orElse(null));
            statement.setString(4, profile.hours().map(WorkingHours::text).orElse(null));
            Refs.setUser(statement, 5, Optional.of(profile.user()));
        });
    }

    private static AgentProfile read(ResultSet rows) throws SQLException {
        UserRef user = new UserRef(Platform.valueOf(rows.getString("platform")), rows.getString("tenant"),
                rows.getString("user_id"));
        return new AgentProfile(user, rows.getString("display_name"),
                Optional.ofNullable(rows.getString("zone")).map(ZoneId::of), Jdbc.findInstant(rows, "muted_until"),
                Optional.ofNullable(rows.getString("working_hours")).map(WorkingHours::parse));
    }
}
