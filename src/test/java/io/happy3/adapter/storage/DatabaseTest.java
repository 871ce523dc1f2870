package io.happy3.adapter.storage;

import io.happy3.testing.MutableClock;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @Test
    void open_urlOfAnotherDatabase_failsNamingTheVariable() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/happy3", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HAPPY3_DB_URL")
                .hasMessageContaining("jdbc:mysql://localhost/happy3");
    }

    @Test
    void open_notAJdbcUrl_failsNamingTheVariableWithoutThePassword() {
        assertThatThrownBy(() -> Database.open("postgres://db?password=hunter2", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HAPPY3_DB_URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void open_postgresNobodyListensOn_failsFastAsUnavailable() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/none", "u", "p"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("HAPPY3_DB_URL");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void h2Url_plainFileUrl_getsPortableSettings() {
        String url = Database.h2Url("jdbc:h2:file:./data/happy3");

        assertThat(url).startsWith("jdbc:h2:file:./data/happy3;")
                .contains(";MODE=PostgreSQL", ";DATABASE_TO_LOWER=TRUE", ";DEFAULT_NULL_ORDERING=HIGH")
                .doesNotContain("DB_CLOSE_DELAY");
        assertThat(Database.h2Url("jdbc:h2:mem:x;MODE=PostgreSQL")).containsOnlyOnce("MODE=")
                .contains(";DB_CLOSE_DELAY=-1");
    }

    @Test
    void open_fileDatabaseTwice_keepsDataAndMigratesOnce(@TempDir Path directory) throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("not-yet/data/happy3").toAbsolutePath();
        try (Database database = Database.open(url, "", "")) {
            assertThat(database.isReachable()).isTrue();
            new JdbcInboxStore(database, new MutableClock(T0)).append(InboxEntry.received(Platform.SLACK, "Ev1", "T1",
                    "k", "event", "{}", T0));
        }

        try (Database reopened = Database.open(url, "", "");
             Connection connection = reopened.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from flyway_schema_history where version = '1'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(new JdbcInboxStore(reopened, new MutableClock(T0)).backlog()).isEqualTo(1);
        }
    }

    @Test
    void purge_doneAndFailedEntriesOlderThanCutoff_removesTheirText() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (TestDatabases.TestDatabase test = TestDatabases.h2Memory()) {
            JdbcInboxStore inbox = new JdbcInboxStore(test.database(), clock);
            for (String id : new String[] {"old-done", "old-failed", "new-done", "pending"}) {
                inbox.append(InboxEntry.received(Platform.SLACK, id, "T1", id, "event", "text of " + id, T0));
            }
            var claimed = inbox.claim("w", 10, T0, Duration.ofMinutes(1));
            inbox.markDone(claimed.get(0));
            inbox.markFailed(claimed.get(1), "poison", T0, true);
            clock.advance(Duration.ofDays(40));
            inbox.markDone(claimed.get(2));

            int purged = new RetentionJob(test.database()).purge(T0.plus(Duration.ofDays(30)));

            assertThat(purged).isEqualTo(2);
            try (Connection connection = test.database().dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select event_id, payload from inbox order by seq")) {
                StringBuilder remaining = new StringBuilder();
                while (rows.next()) {
                    remaining.append(rows.getString(1)).append('=').append(rows.getString(2)).append(' ');
                }
                assertThat(remaining.toString().trim())
                        .isEqualTo("old-failed=null new-done=null pending=text of pending");
            }
        }
    }
}
