package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A claim's cost does not grow with the inbox backlog: it reads about the rows it claims, however many wait.
 * Before, on H2 each page of the claim's walk read and sorted every pending row, and on PostgreSQL a table
 * without statistics (new, or autovacuum off) had every pending row read and sorted by each claim; a server
 * that had taken a burst then drained its inbox at tens of entries a second and starved its acks of CPU.
 */
class InboxClaimPlanTest {
    private static final int PENDING = 1_500;
    /** Enough rows of a realistic size that PostgreSQL, without statistics, prefers reading them all. */
    private static final int POSTGRES_PENDING = 20_000;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @Test
    void claimWalk_h2BacklogOfThreePages_readsOnePageOfRows() throws SQLException {
        try (TestDatabase h2 = TestDatabases.h2Memory()) {
            JdbcInboxStore store = new JdbcInboxStore(h2.database(), new MutableClock(T0));
            for (int i = 0; i < PENDING; i++) {
                store.append(InboxEntry.received(Platform.SLACK, "Ev" + i, "T1", "C1:" + i, "event_callback", "{}",
                        T0));
            }

            long scanned = h2ScanCount(h2, "explain analyze " + JdbcInboxStore.H2_PENDING_PAGE);

            assertThat(scanned).isLessThanOrEqualTo(501);
            assertThat(store.claim("w1", 32, T0, Duration.ofSeconds(20))).hasSize(32);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL_VARIABLE, matches = ".+")
    void claim_postgresBacklogWithoutStatistics_readsAboutTheRowsItClaims() throws Exception {
        try (TestDatabase postgres = TestDatabases.postgres();
             Connection connection = postgres.database().dataSource().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into inbox (platform, event_id, tenant, ordering_key, kind, payload, "
                        + "received_at, attempts, status, available_at) select 'SLACK', 'Ev' || n, 'T1', 'C1:' || n, "
                        + "'event_callback', repeat('x', 400), now(), 0, 'PENDING', now() "
                        + "from generate_series(1, " + POSTGRES_PENDING + ") n");
            }
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(JdbcInboxStore.WALK_THE_INDEX);
                }
                JsonNode plan = explain(connection, "explain (analyze, format json) " + JdbcInboxStore.POSTGRES_CLAIM);

                assertThat(rowsReadFromInbox(plan.path(0).path("Plan"))).isLessThan(100);
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void schema_h2_keepsNoInboxIndexByOrderingKey() throws SQLException {
        try (TestDatabase h2 = TestDatabases.h2Memory()) {
            assertThat(inboxIndexColumns(h2)).contains("status,seq").doesNotContain("status,ordering_key,seq");
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL_VARIABLE, matches = ".+")
    void schema_postgres_keepsTheIndexItsClaimSubqueryReads() throws SQLException {
        try (TestDatabase postgres = TestDatabases.postgres()) {
            assertThat(inboxIndexColumns(postgres)).contains("status,seq", "status,ordering_key,seq");
        }
    }

    /** Each index of the inbox table as its comma-separated columns. */
    private static java.util.Set<String> inboxIndexColumns(TestDatabase database) throws SQLException {
        java.util.Map<String, java.util.TreeMap<Integer, String>> byIndex = new java.util.HashMap<>();
        try (Connection connection = database.database().dataSource().getConnection();
             ResultSet rows = connection.getMetaData().getIndexInfo(null, null, "inbox", false, false)) {
            while (rows.next()) {
                if (rows.getString("INDEX_NAME") != null && rows.getString("COLUMN_NAME") != null) {
                    byIndex.computeIfAbsent(rows.getString("INDEX_NAME"), name -> new java.util.TreeMap<>())
                            .put(rows.getInt("ORDINAL_POSITION"), rows.getString("COLUMN_NAME").toLowerCase());
                }
            }
        }
        java.util.Set<String> columns = new java.util.HashSet<>();
        byIndex.values().forEach(index -> columns.add(String.join(",", index.values())));
        return columns;
    }

    private static JsonNode explain(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            new Database.Lease("w1", 32, java.time.Instant.now(), Duration.ofSeconds(20)).bindPostgres(statement);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new ObjectMapper().readTree(rows.getString(1));
            }
        }
    }

    /** Rows the claim's outer scan of {@code inbox} produced (the walk), in every node of the plan. */
    private static long rowsReadFromInbox(JsonNode node) {
        long rows = "e".equals(node.path("Alias").asText()) && node.has("Relation Name")
                ? node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong() : 0;
        for (JsonNode child : node.path("Plans")) {
            rows += rowsReadFromInbox(child);
        }
        return rows;
    }

    private static long h2ScanCount(TestDatabase h2, String explain) throws SQLException {
        try (Connection connection = h2.database().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(explain)) {
            statement.setLong(1, 0);
            statement.setInt(2, 500);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Matcher matcher = SCAN_COUNT.matcher(rows.getString(1));
                assertThat(matcher.find()).as("a scan count in %s", rows.getString(1)).isTrue();
                return Long.parseLong(matcher.group(1));
            }
        }
    }
}
