package io.happy3.adapter.storage;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The databases storage tests run on: a fresh in-memory H2 always, and a fresh schema on the PostgreSQL
 * named by {@code HAPPY3_TEST_POSTGRES_URL} when it is set. When it is set and PostgreSQL cannot be
 * reached, opening fails: a CI run that asked for PostgreSQL never passes without it.
 */
final class TestDatabases {
    static final String POSTGRES_URL_VARIABLE = "HAPPY3_TEST_POSTGRES_URL";
    /** Every table, children first, for cleaning between tests. */
    private static final List<String> TABLES = List.of("review_tallies", "review_weeks", "issue_events", "issues", "nudges", "channel_settings",
            "agent_preferences", "proud_moments", "inbox", "installations", "conversation_addresses",
            "rituals_sent", "customer_notes", "desired_results", "permalinks", "rendered_nudges");

    private TestDatabases() {
    }

    static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv(POSTGRES_URL_VARIABLE)).filter(url -> !url.isBlank());
    }

    /** H2 always, PostgreSQL when configured. */
    static List<TestDatabase> openAll() {
        List<TestDatabase> databases = new ArrayList<>();
        databases.add(h2Memory());
        postgresUrl().ifPresent(url -> databases.add(postgres()));
        return databases;
    }

    static TestDatabase h2Memory() {
        String url = "jdbc:h2:mem:happy3-" + UUID.randomUUID();
        return new TestDatabase("h2", url, Database.open(url, "", ""), () -> { });
    }

    static TestDatabase h2File(Path directory) {
        String url = "jdbc:h2:file:" + directory.resolve("happy3").toAbsolutePath();
        return new TestDatabase("h2-file", url, Database.open(url, "", ""), () -> { });
    }

    /** A fresh schema on the configured PostgreSQL, dropped on close. */
    static TestDatabase postgres() {
        return postgres(createPostgresSchema());
    }

    /** The configured PostgreSQL URL with {@code currentSchema} set to a new, empty schema. */
    static String createPostgresSchema() {
        String baseUrl = postgresUrl().orElseThrow(() -> new IllegalStateException(POSTGRES_URL_VARIABLE
                + " is not set"));
        String schema = "happy3_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        execute(baseUrl, "create schema " + schema);
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static TestDatabase postgres(String schemaUrl) {
        return new TestDatabase("postgresql", schemaUrl, Database.open(schemaUrl, "", ""),
                () -> dropPostgresSchema(schemaUrl));
    }

    static void dropPostgresSchema(String schemaUrl) {
        String schema = schemaUrl.substring(schemaUrl.indexOf("currentSchema=") + "currentSchema=".length());
        String baseUrl = schemaUrl.substring(0, schemaUrl.indexOf("currentSchema=") - 1);
        execute(baseUrl, "drop schema if exists " + schema + " cascade");
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(POSTGRES_URL_VARIABLE + " is set but PostgreSQL at " + Database.redact(url)
                    + " cannot run '" + sql + "': " + e.getMessage(), e);
        }
    }

    /** Deletes every row of every table. */
    static void clean(Database database) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("delete from " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cleaning " + database + " failed", e);
        }
    }

    /** A database opened for a test, closed (and its schema dropped) with {@link #close}. */
    record TestDatabase(String name, String url, Database database, Runnable dropper) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
            dropper.run();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
