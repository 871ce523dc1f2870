package io.happy3.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a server process with SIGKILL while events and nudges are in flight, restarts it on the same
 * database, and checks that every acknowledged event was processed once and every nudge delivered once.
 * See {@link CrashTestChild} for what "once" means with idempotent handlers.
 */
class CrashTest {
    private static final int COUNT = 400;
    private static final int KILL_AFTER_ACKS = 150;

    @Test
    void kill9_midFlightOnH2File_restartFinishesEveryEventAndNudgeOnce(@TempDir Path directory) throws Exception {
        crashAndRestart("jdbc:h2:file:" + directory.resolve("happy3").toAbsolutePath());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL_VARIABLE, matches = ".+")
    void kill9_midFlightOnPostgres_restartFinishesEveryEventAndNudgeOnce() throws Exception {
        String schemaUrl = TestDatabases.createPostgresSchema();
        try {
            crashAndRestart(schemaUrl);
        } finally {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    private static void crashAndRestart(String url) throws Exception {
        try (Database database = Database.open(url, "", "")) {
            execute(database, CrashTestChild.TABLES_DDL);
        }
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Child first = Child.start(url, "first", acked);
        assertThat(first.awaitAcks(KILL_AFTER_ACKS, 60)).as("acks before the kill").isTrue();
        first.process.destroyForcibly();
        assertThat(first.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        int ackedBeforeKill = acked.size();

        Child second = Child.start(url, "second", acked);
        assertThat(second.process.waitFor(120, TimeUnit.SECONDS)).as("restart finished").isTrue();
        assertThat(second.process.exitValue()).as(second.output()).isZero();
        assertThat(second.output()).contains("DONE");

        try (Database database = Database.open(url, "", "")) {
            assertThat(ackedBeforeKill).isLessThan(COUNT);
            assertThat(count(database, "select count(*) from inbox")).isEqualTo(COUNT);
            assertThat(count(database, "select count(*) from inbox where status = 'DONE' and payload is null"))
                    .isEqualTo(COUNT);
            assertThat(count(database, "select count(*) from processed")).isEqualTo(COUNT);
            assertThat(count(database, "select count(*) from processed where item in (" + quoted(acked) + ")"))
                    .isEqualTo(acked.size());
            assertThat(count(database, "select count(*) from nudges where status = 'SENT'")).isEqualTo(COUNT);
            assertThat(count(database, "select count(*) from delivered")).isEqualTo(COUNT);
            assertThat(count(database, "select count(*) from duplicates")).as("double processing").isZero();
            System.out.printf("%s: killed after %d acks; %d events and %d nudges each processed once; "
                            + "%d handed over again after the crash (absorbed by idempotent handlers)%n",
                    Dialect.of(url), ackedBeforeKill, COUNT, COUNT,
                    count(database, "select count(*) from redelivered"));
        }
    }

    private static String quoted(Set<String> ids) {
        List<String> quoted = new ArrayList<>();
        ids.forEach(id -> quoted.add("'" + id + "'"));
        return String.join(", ", quoted);
    }

    private static void execute(Database database, List<String> statements) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A child JVM running {@link CrashTestChild}, its output collected line by line. */
    private record Child(Process process, StringBuffer lines, Set<String> acked) {
        static Child start(String url, String owner, Set<String> acked) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), CrashTestChild.class.getName(), url,
                    String.valueOf(COUNT), owner);
            builder.redirectErrorStream(true);
            Child child = new Child(builder.start(), new StringBuffer(), acked);
            Thread reader = new Thread(child::read, "crash-child-output-" + owner);
            reader.setDaemon(true);
            reader.start();
            return child;
        }

        private void read() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.append(line).append('\n');
                    if (line.startsWith("ACKED ")) {
                        acked.add(line.substring("ACKED ".length()).split(" ")[0]);
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        }

        boolean awaitAcks(int wanted, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (acked.size() < wanted && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(5);
            }
            return acked.size() >= wanted;
        }

        String output() {
            return lines.toString();
        }
    }
}
