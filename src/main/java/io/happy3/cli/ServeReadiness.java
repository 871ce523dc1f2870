package io.happy3.cli;

import static java.util.Objects.requireNonNull;

import io.happy3.adapter.playbook.PlaybookFolder;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.http.Readiness;
import io.happy3.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;

/**
 * The readiness checks of {@code happy3 serve}: the database answers, its migrations are all applied, and
 * the playbook folder is readable with at least one playbook in force. Plugs into {@code HttpServer}'s
 * {@code notReady}.
 */
public final class ServeReadiness {
    private ServeReadiness() {
    }

    public static Readiness of(Database database, PlaybookFolder playbooks) {
        requireNonNull(database, "database == null");
        requireNonNull(playbooks, "playbooks == null");
        return new Readiness()
                .require("database", database::isReachable, "database unreachable (" + AppConfig.DB_URL + ")")
                .check("migrations", migrations(database))
                .check("playbooks", () -> playbooks(playbooks));
    }

    /** Pending migrations, looked up until they are all applied once (they do not come back in this process). */
    private static Readiness.Check migrations(Database database) {
        AtomicBoolean applied = new AtomicBoolean();
        Flyway flyway = Flyway.configure().dataSource(database.dataSource())
                .locations("classpath:db/migration").load();
        return () -> {
            if (applied.get()) {
                return Optional.empty();
            }
            int pending = flyway.info().pending().length;
            if (pending > 0) {
                return Optional.of(pending + " database migration(s) not applied");
            }
            applied.set(true);
            return Optional.empty();
        };
    }

    private static Optional<String> playbooks(PlaybookFolder playbooks) {
        Path folder = playbooks.folder();
        if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
            return Optional.of("playbook folder unreadable (" + AppConfig.PLAYBOOKS + "=" + folder + ")");
        }
        if (playbooks.all().isEmpty()) {
            return Optional.of("no playbooks loaded (" + AppConfig.PLAYBOOKS + "=" + folder + ")");
        }
        return Optional.empty();
    }
}
