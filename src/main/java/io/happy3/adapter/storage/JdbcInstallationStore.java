package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Installations in the {@code installations} table, one per (platform, tenant). Bot tokens are stored
 * as given: protect the database like a secret store. Thread-safe.
 */
public final class JdbcInstallationStore implements InstallationStore {
    private final Jdbc jdbc;

    public JdbcInstallationStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public void save(Installation installation) {
        requireNonNull(installation, "installation == null");
        String update = """
                update installations set bot_user_id = ?, bot_token = ?, details = ?, installed_at = ?
                where platform = ? and tenant = ?
                """;
        String insert = """
                insert into installations (bot_user_id, bot_token, details, installed_at, platform, tenant)
                values (?, ?, ?, ?, ?, ?)
                """;
        jdbc.upsert("saving the installation " + installation.platform() + " " + installation.tenant(), update,
                insert, statement -> {
                    statement.setString(1, installation.botUserId().orElse(null));
                    statement.setString(2, installation.botToken().orElse(null));
                    statement.setString(3, installation.details());
                    Jdbc.setInstant(statement, 4, installation.installedAt());
                    statement.setString(5, installation.platform().name());
                    statement.setString(6, installation.tenant());
                });
    }

    @Override
    public Optional<Installation> find(Platform platform, String tenant) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        return jdbc.queryOne("finding the installation " + platform + " " + tenant,
                "select * from installations where platform = ? and tenant = ?", statement -> {
                    statement.setString(1, platform.name());
                    statement.setString(2, tenant);
                }, JdbcInstallationStore::read);
    }

    @Override
    public List<Installation> findAll(Platform platform) {
        requireNonNull(platform, "platform == null");
        return jdbc.query("finding installations on " + platform,
                "select * from installations where platform = ? order by tenant",
                statement -> statement.setString(1, platform.name()), JdbcInstallationStore::read);
    }

    @Override
    public void delete(Platform platform, String tenant) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        jdbc.update("deleting the installation " + platform + " " + tenant,
                "delete from installations where platform = ? and tenant = ?", statement -> {
                    statement.setString(1, platform.name());
                    statement.setString(2, tenant);
                });
    }

    private static Installation read(ResultSet rows) throws SQLException {
        return new Installation(Platform.valueOf(rows.getString("platform")), rows.getString("tenant"),
                Optional.ofNullable(rows.getString("bot_user_id")), Optional.ofNullable(rows.getString("bot_token")),
                rows.getString("details"), Jdbc.getInstant(rows, "installed_at"));
    }
}
