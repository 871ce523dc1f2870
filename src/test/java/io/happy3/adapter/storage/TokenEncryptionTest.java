package io.happy3.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.Platform;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bot tokens at rest: what a database dump shows, what a key rotation does, what a wrong key says. */
class TokenEncryptionTest {
    private static final String TOKEN = "xoxb-1234-5678-secretsecret";
    private final String keyA = newKey();
    private final String keyB = newKey();
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:mem:tokens-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private JdbcInstallationStore store(String key, String previous) {
        return new JdbcInstallationStore(database, TokenCipher.of(Optional.ofNullable(key), Optional.ofNullable(previous)));
    }

    private static Installation installation(String tenant) {
        return new Installation(Platform.SLACK, tenant, Optional.of("U0BOT"), Optional.of(TOKEN), "{}",
                Instant.parse("2026-11-23T09:00:00Z"));
    }

    /** Everything in the installations table, as a dump would show it. */
    private List<String> dump() throws Exception {
        List<String> cells = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select * from installations")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    cells.add(String.valueOf(rows.getString(column)));
                }
            }
        }
        return cells;
    }

    @Test
    void aDatabaseDump_holdsNoUsableToken_butTheStoreReadsItBack() throws Exception {
        JdbcInstallationStore store = store(keyA, null);
        store.save(installation("T1"));

        assertThat(String.join(" ", dump())).doesNotContain(TOKEN).doesNotContain("secretsecret").contains("enc:v1:");
        assertThat(store.find(Platform.SLACK, "T1").flatMap(Installation::botToken)).contains(TOKEN);
    }

    @Test
    void refreshToken_isEncryptedToo_andReencryptedWithTheKey() throws Exception {
        String refresh = "xoxe-1-refreshrefresh";
        Instant expires = Instant.parse("2026-11-23T21:00:00Z");
        Installation rotating = installation("T1").withTokens(TOKEN, Optional.of(refresh), Optional.of(expires));
        store(keyA, null).save(rotating);

        assertThat(String.join(" ", dump())).doesNotContain(refresh).doesNotContain("refreshrefresh");
        assertThat(store(keyA, null).find(Platform.SLACK, "T1")).contains(rotating);

        assertThat(store(keyB, keyA).reencrypt()).isEqualTo(1);
        assertThat(store(keyB, null).find(Platform.SLACK, "T1")).as("readable under the new key alone")
                .contains(rotating);
    }

    @Test
    void rotation_readsThePreviousKey_andReencryptRewritesUnderTheNewOne() throws Exception {
        store(keyA, null).save(installation("T1"));
        String before = dump().get(3);

        JdbcInstallationStore rotated = store(keyB, keyA);
        assertThat(rotated.find(Platform.SLACK, "T1").flatMap(Installation::botToken)).contains(TOKEN);
        assertThat(rotated.reencrypt()).isEqualTo(1);
        assertThat(dump().get(3)).isNotEqualTo(before);

        JdbcInstallationStore newKeyOnly = store(keyB, null);
        assertThat(newKeyOnly.find(Platform.SLACK, "T1").flatMap(Installation::botToken)).contains(TOKEN);
        assertThat(newKeyOnly.reencrypt()).isZero();
    }

    @Test
    void aTokenFromBeforeEncryption_isReadAndThenEncryptedAtStart() throws Exception {
        new JdbcInstallationStore(database, TokenCipher.none());
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into installations (platform, tenant, bot_user_id, bot_token, details, "
                    + "installed_at) values ('SLACK', 'T0', 'U0BOT', '" + TOKEN + "', '{}', current_timestamp)");
        }
        JdbcInstallationStore store = store(keyA, null);

        assertThat(store.reencrypt()).isEqualTo(1);
        assertThat(String.join(" ", dump())).doesNotContain(TOKEN);
        assertThat(store.find(Platform.SLACK, "T0").flatMap(Installation::botToken)).contains(TOKEN);
    }

    @Test
    void theWrongKey_orNoKey_failsWithTheReasonAndNeverShowsTheToken() {
        store(keyA, null).save(installation("T1"));

        assertThatThrownBy(() -> store(keyB, null).find(Platform.SLACK, "T1"))
                .hasMessageContaining("neither HAPPY3_ENCRYPTION_KEY nor HAPPY3_ENCRYPTION_KEY_PREVIOUS")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> store(null, null).save(installation("T2")))
                .hasMessageContaining("HAPPY3_ENCRYPTION_KEY is not set");
    }

    @Test
    void aCiphertextCopiedToAnotherWorkspacesRow_doesNotOpen() {
        TokenCipher cipher = TokenCipher.of(Optional.of(keyA), Optional.empty());
        String sealed = cipher.encrypt("SLACK:T1", TOKEN);

        assertThat(cipher.decrypt("SLACK:T1", sealed)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> cipher.decrypt("SLACK:T2", sealed)).hasMessageContaining("could not be decrypted");
        assertThat(new String(Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1)),
                StandardCharsets.ISO_8859_1)).doesNotContain("secret");
    }
}
