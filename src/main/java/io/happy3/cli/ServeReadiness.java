package io.happy3.cli;

import static java.util.Objects.requireNonNull;

import io.happy3.adapter.playbook.PlaybookFolder;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.http.Readiness;
import io.happy3.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The readiness checks of {@code happy3 serve}: the database answers and the playbook folder is readable
 * with at least one playbook in force. Plugs into {@code HttpServer}'s {@code notReady}. The migrations need
 * no check here: {@code Database.open} applies them all or fails, so a serving process is always migrated
 * (asking Flyway again cost a second classpath scan and about a second on the first {@code /readyz}).
 */
public final class ServeReadiness {
    private ServeReadiness() {
    }

    public static Readiness of(Database database, PlaybookFolder playbooks) {
        requireNonNull(database, "database == null");
        requireNonNull(playbooks, "playbooks == null");
        return new Readiness()
                .require("database", database::isReachable, "database unreachable (" + AppConfig.DB_URL + ")")
                .check("playbooks", () -> playbooks(playbooks));
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
