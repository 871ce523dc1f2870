package io.happy3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.storage.Database;
import io.happy3.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code happy3 backup FILE} while the server holds the database, and the restore docs/production.md gives. */
class BackupCommandTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int backup(String url, Path file) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of(AppConfig.DB_URL, url)).run("backup", file.toString());
    }

    /** {@code happy3 backup} as its own process, as an operator runs it next to the server. */
    private int backupInAnotherProcess(String url, Path file) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), "io.happy3.Main", "backup", file.toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("HAPPY3_"));
        builder.environment().put(AppConfig.DB_URL, url);
        Process process = builder.start();
        err.write(process.getInputStream().readAllBytes());
        return process.waitFor();
    }

    @Test
    void backup_whileTheServerHoldsTheDatabase_writesAZipThatRestoresEveryRow() throws Exception {
        String url = "jdbc:h2:file:" + temp.resolve("data/happy3") + ";AUTO_SERVER=TRUE";
        Path zip = temp.resolve("backup.zip");
        try (Database running = Database.open(url, "", "")) {
            sql(running, "insert into rituals_sent (tenant, ritual, period, sent_at) values ('T1', 'digest', '2026-W48',"
                    + " timestamp with time zone '2026-11-27 15:00:00+00')");

            assertThat(backupInAnotherProcess(url, zip)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }

        Path restored = temp.resolve("restored");
        unzip(zip, restored); // the restore: stop Happy3, unzip into the data folder, start
        assertThat(restored.resolve("happy3.mv.db")).isRegularFile();
        try (Database reopened = Database.open("jdbc:h2:file:" + restored.resolve("happy3"), "", "");
             Connection connection = reopened.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select tenant, period from rituals_sent")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("period")).isEqualTo("2026-W48");
        }
    }

    @Test
    void backup_databaseLockedByAServerWithoutAutoServer_saysWhatToDo() throws Exception {
        String url = "jdbc:h2:file:" + temp.resolve("data/locked");
        try (Database running = Database.open(url, "", "")) {
            assertThat(backupInAnotherProcess(url, temp.resolve("b.zip"))).isEqualTo(1);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("AUTO_SERVER=TRUE").doesNotContain("\tat ");
    }

    @Test
    void backup_postgresUrl_pointsAtPgDump() {
        assertThat(backup("jdbc:postgresql://127.0.0.1:5432/happy3", temp.resolve("c.zip"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pg_dump");
    }

    private static void sql(Database database, String statementText) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(statementText);
        }
    }

    private static void unzip(Path zip, Path folder) throws IOException {
        Files.createDirectories(folder);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Files.copy(entries, folder.resolve(Path.of(entry.getName()).getFileName().toString()));
            }
        }
    }
}
