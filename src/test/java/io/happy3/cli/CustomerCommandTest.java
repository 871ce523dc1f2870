package io.happy3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcCustomerNoteStore;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code happy3 customer export|forget ID} as an operator runs it against the configured database. */
class CustomerCommandTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String url, String... args) {
        out.reset();
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of(AppConfig.DB_URL, url)).run(args);
    }

    @Test
    void exportThenForget_teamsCustomer_printsTheNoteThenDeletesIt() {
        String url = "jdbc:h2:file:" + temp.resolve("data/happy3");
        UserRef priya = new UserRef(Platform.TEAMS, "tenant-1", "29:priya");
        try (Database database = Database.open(url, "", "")) {
            new JdbcCustomerNoteStore(database).add(new CustomerNote("n1", "tenant-1", priya,
                    new UserRef(Platform.TEAMS, "tenant-1", "29:anna"), "migrating to SSO in Q1",
                    Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:00:00Z")));
        }

        assertThat(run(url, "customer", "export", "teams:tenant-1:29:priya")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"customer\" : \"teams:tenant-1:29:priya\"",
                "\"text\" : \"migrating to SSO in Q1\"");

        assertThat(run(url, "customer", "forget", "teams:tenant-1:29:priya")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 rows deleted");
        run(url, "customer", "export", "teams:tenant-1:29:priya");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("SSO");
    }

    @Test
    void customer_badId_exitsTwoWithUsage() {
        assertThat(run("jdbc:h2:mem:unused", "customer", "export", "priya")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: happy3 customer export|forget ID");
        assertThat(run("jdbc:h2:mem:unused", "customer", "erase", "slack:T1:U1")).isEqualTo(2);
    }
}
