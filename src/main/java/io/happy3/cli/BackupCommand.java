package io.happy3.cli;

import io.happy3.config.AppConfig;
import io.happy3.config.ConfigFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * {@code happy3 backup FILE}: an online backup of the embedded H2 database with H2's {@code BACKUP TO}
 * (a zip of the database file, consistent while writes go on). Restore: docs/production.md, "Back up".
 */
final class BackupCommand {
    private BackupCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> files = args.stream().filter(arg -> !arg.startsWith("--")).toList();
        if (args.contains("--help") || files.size() != 1) {
            out.println("""
                    Usage: happy3 backup [--config FILE] BACKUP.zip

                    Writes an online backup of the embedded H2 database (HAPPY3_DB_URL) to BACKUP.zip with
                    H2's BACKUP TO. While 'happy3 serve' runs on the same file, its HAPPY3_DB_URL needs
                    ;AUTO_SERVER=TRUE so that this command can connect. PostgreSQL: use pg_dump.""");
            return args.contains("--help") ? 0 : 2;
        }
        List<String> rest = args.stream().filter(arg -> !arg.equals(files.get(0))).toList();
        AppConfig config = AppConfig.fromEnv(ConfigFile.merged(env, ConfigFile.location(rest, env)));
        if (!config.dbUrl().startsWith("jdbc:h2:")) {
            err.println("happy3 backup: only the embedded H2 database is backed up here; for PostgreSQL use pg_dump"
                    + " (or your provider's backups)");
            return 2;
        }
        Path target = Path.of(files.get(0)).toAbsolutePath();
        if (Files.exists(target)) {
            err.println("happy3 backup: " + target + " exists; choose a new file name");
            return 2;
        }
        try (Connection connection = DriverManager.getConnection(existingOnly(config.dbUrl()), config.dbUser(),
                config.dbPassword().value()); Statement statement = connection.createStatement()) {
            statement.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            err.println("happy3 backup: cannot back up " + config.dbUrl() + ": " + reason(e));
            return 1;
        }
        out.println("wrote " + target + " (" + size(target) + " bytes)");
        return 0;
    }

    /** Never create an empty database where the configured one was expected; the server's settings (Database). */
    private static String existingOnly(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder full = new StringBuilder(url);
        for (String setting : List.of("MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH",
                "IFEXISTS=TRUE")) {
            String key = setting.substring(0, setting.indexOf('=') + 1).toUpperCase(java.util.Locale.ROOT);
            if (!upper.contains(";" + key) && !(key.equals("IFEXISTS=") && upper.startsWith("JDBC:H2:MEM:"))) {
                full.append(';').append(setting);
            }
        }
        return full.toString();
    }

    private static String reason(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("already in use") || message.contains("locked by another process")) {
            return "the database file is in use by a running server; add ;AUTO_SERVER=TRUE to its HAPPY3_DB_URL"
                    + " (and restart it), or stop it first";
        }
        if (e.getErrorCode() == 90146) {
            return "there is no database at that URL";
        }
        return message.lines().findFirst().orElse(message);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
