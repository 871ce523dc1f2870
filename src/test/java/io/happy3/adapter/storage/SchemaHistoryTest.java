package io.happy3.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start's shortcut past Flyway: taken only when Flyway itself would find nothing to do. */
class SchemaHistoryTest {
    private static final List<Class<?>> JAVA = Database.javaMigrationTypes();

    @Test
    void upToDate_schemaFlywayMigrated_isTrueOnEveryDatabase() {
        for (TestDatabase test : TestDatabases.openAll()) {
            try (test) {
                // Flyway wrote every row and checksum: the shortcut must compute the same ones to be taken at all.
                assertThat(SchemaHistory.upToDate(test.database().dataSource(), JAVA)).as(test.name()).isTrue();
            }
        }
    }

    @Test
    void upToDate_newDatabase_isFalse() {
        Database empty = Database.connect("jdbc:h2:mem:empty-" + UUID.randomUUID(), "", "", 2, 2);
        try (empty) {
            assertThat(SchemaHistory.upToDate(empty.dataSource(), JAVA)).isFalse();
            empty.migrate();
            assertThat(SchemaHistory.upToDate(empty.dataSource(), JAVA)).isTrue();
        }
    }

    @Test
    void upToDate_aMigrationNotYetApplied_isFalse() throws SQLException {
        for (TestDatabase test : TestDatabases.openAll()) {
            try (test) {
                execute(test.database(), "delete from flyway_schema_history where version = "
                        + "(select max(version) from flyway_schema_history)");
                assertThat(SchemaHistory.upToDate(test.database().dataSource(), JAVA)).as(test.name()).isFalse();
            }
        }
    }

    @Test
    void upToDate_aFailedOrUnknownRow_isFalse() throws SQLException {
        for (TestDatabase test : TestDatabases.openAll()) {
            try (test) {
                execute(test.database(), "insert into flyway_schema_history (installed_rank, version, description, "
                        + "type, script, checksum, installed_by, execution_time, success) values (999, '999', "
                        + "'from a newer release', 'SQL', 'V999__from_a_newer_release.sql', 1, 'x', 1, true)");
                assertThat(SchemaHistory.upToDate(test.database().dataSource(), JAVA)).as(test.name()).isFalse();
                execute(test.database(), "update flyway_schema_history set script = 'V999__x.sql', success = false "
                        + "where installed_rank = 999");
                assertThat(SchemaHistory.upToDate(test.database().dataSource(), JAVA)).as(test.name()).isFalse();
            }
        }
    }

    @Test
    void open_migrationEditedAfterItWasApplied_stillFailsTheStartAsFlywayDid(@TempDir Path directory)
            throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("happy3").toAbsolutePath();
        try (Database database = Database.open(url, "", "")) {
            execute(database, "update flyway_schema_history set checksum = checksum + 1 where version = '1'");
        }

        assertThatThrownBy(() -> Database.open(url, "", "").close())
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void checksum_lineBreaksAndByteOrderMark_areIgnoredAsFlywayDoes() throws Exception {
        int unix = checksum("create table a (id int);\nselect 1;\n");
        assertThat(checksum("\uFEFFcreate table a (id int);\r\nselect 1;\r\n")).isEqualTo(unix);
        assertThat(checksum("create table a (id int);\nselect 2;\n")).isNotEqualTo(unix);
        assertThat(SchemaHistory.checksum(new ByteArrayInputStream("select '${placeholder}';"
                .getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    private static int checksum(String script) throws Exception {
        return SchemaHistory.checksum(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8))).orElseThrow();
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
