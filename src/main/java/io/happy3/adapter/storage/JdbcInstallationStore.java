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
 * encrypted by {@link TokenCipher} (AES-GCM under {@code HAPPY3_ENCRYPTION_KEY}); without a key a token
 * cannot be saved. Thread-safe.
 */
public final class JdbcInstallationStore implements InstallationStore {
    private final Jdbc jdbc;
    private final TokenCipher cipher;

    /** Without a key: installations without a token only (Teams); saving a token fails with the reason. */
    public JdbcInstallationStore(Database database) {
        this(database, TokenCipher.none());
    }

    public JdbcInstallationStore(Database database, TokenCipher cipher) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
        this.cipher = requireNonNull(cipher, "cipher == null");
    }

    /**
     * Rewrites every token not under the current key (plain values from before encryption, values under
     * the previous key during a rotation); returns how many were rewritten. Run at start.
     */
    public int reencrypt() {
        int rewritten = 0;
        for (Platform platform : Platform.values()) {
            for (Installation installation : findAll(platform)) {
                if (storedTokens(installation).stream().anyMatch(cipher::stale)) {
                    save(installation);
                    rewritten++;
                }
            }
        }
        return rewritten;
    }

    @Override
    public void save(Installation installation) {
        requireNonNull(installation, "installation == null");
        String update = """
                update installations set bot_user_id = ?, bot_token = ?, details = ?, installed_at = ?,
                refresh_token = ?, token_expires_at = ? where platform = ? and tenant = ?
                """;
        String insert = """
                insert into installations (bot_user_id, bot_token, details, installed_at, refresh_token,
                token_expires_at, platform, tenant) values (?, ?, ?, ?, ?, ?, ?, ?)
                """;
        jdbc.upsert("saving the installation " + installation.platform() + " " + installation.tenant(), update,
                insert, statement -> {
                    statement.setString(1, installation.botUserId().orElse(null));
                    statement.setString(2, installation.botToken().map(token -> cipher.encrypt(
                            aad(installation.platform(), installation.tenant()), token)).orElse(null));
                    statement.setString(3, installation.details());
                    Jdbc.setInstant(statement, 4, installation.installedAt());
                    statement.setString(5, installation.refreshToken().map(token -> cipher.encrypt(
                            refreshAad(installation.platform(), installation.tenant()), token)).orElse(null));
                    Jdbc.setInstant(statement, 6, installation.tokenExpiresAt().orElse(null));
                    statement.setString(7, installation.platform().name());
                    statement.setString(8, installation.tenant());
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
                }, this::read);
    }

    @Override
    public List<Installation> findAll(Platform platform) {
        requireNonNull(platform, "platform == null");
        return jdbc.query("finding installations on " + platform,
                "select * from installations where platform = ? order by tenant",
                statement -> statement.setString(1, platform.name()), this::read);
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

    private Installation read(ResultSet rows) throws SQLException {
        Platform platform = Platform.valueOf(rows.getString("platform"));
        String tenant = rows.getString("tenant");
        return new Installation(platform, tenant, Optional.ofNullable(rows.getString("bot_user_id")),
                Optional.ofNullable(rows.getString("bot_token")).map(stored -> cipher.decrypt(aad(platform, tenant),
                        stored)), rows.getString("details"), Jdbc.getInstant(rows, "installed_at"),
                Optional.ofNullable(rows.getString("refresh_token")).map(stored -> cipher.decrypt(
                        refreshAad(platform, tenant), stored)), Jdbc.findInstant(rows, "token_expires_at"));
    }

    /** The token columns as stored (encrypted), for {@link #reencrypt}. */
    private List<String> storedTokens(Installation installation) {
        return jdbc.queryOne("reading the stored tokens", "select bot_token, refresh_token from installations "
                + "where platform = ? and tenant = ?", statement -> {
                    statement.setString(1, installation.platform().name());
                    statement.setString(2, installation.tenant());
                }, rows -> java.util.stream.Stream.of(rows.getString("bot_token"), rows.getString("refresh_token"))
                        .filter(java.util.Objects::nonNull).toList()).orElse(List.of());
    }

    /** The associated data a token is sealed with: a ciphertext moved to another row does not open. */
    private static String aad(Platform platform, String tenant) {
        return platform.name() + ":" + tenant;
    }

    /** The same for the refresh token, so it cannot be swapped into the bot token's column either. */
    private static String refreshAad(Platform platform, String tenant) {
        return aad(platform, tenant) + ":refresh";
    }
}
