package io.happy3.adapter.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Whether a schema already holds every shipped migration, unchanged, read with one query. A start on an
 * up-to-date schema then skips Flyway, whose set-up alone (its plugin register, copied through Jackson) cost
 * about a second of CPU per start (BENCHMARKS.md, "Start and memory, issue 17 point 6"). Conservative: any
 * difference (a migration not applied yet, a failed or unknown row, a changed checksum, a file whose name or
 * content this class does not understand) answers "not up to date", and Flyway runs as before and reports what
 * it finds. Stateless.
 */
final class SchemaHistory {
    /** Flyway's location of the SQL migrations (classpath:db/migration). */
    static final String LOCATION = "db/migration";
    /** The types of Flyway's rows that are not migrations. */
    private static final Set<String> MARKERS = Set.of("SCHEMA", "TABLE");
    private static final Pattern VERSIONED_SQL = Pattern.compile("V\\d+(_\\d+)*__[^/]+\\.sql");

    private SchemaHistory() {
    }

    /**
     * True when {@code flyway_schema_history} in the connection's schema lists exactly the SQL migrations under
     * {@link #LOCATION} (same script name, same checksum as Flyway computes it) and {@code javaMigrations} (by
     * class name), each applied successfully, and nothing else.
     */
    static boolean upToDate(DataSource dataSource, List<Class<?>> javaMigrations) {
        Optional<Map<String, Integer>> shipped = shipped(javaMigrations);
        if (shipped.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return applied(connection).map(shipped.get()::equals).orElse(false);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Script name to checksum of every applied migration, or empty when a row failed or is not a versioned one. */
    private static Optional<Map<String, Integer>> applied(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        if (schema == null || schema.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> applied = new HashMap<>();
        // Flyway keeps its table in the connection's current schema, under this lower-case quoted name.
        String table = "\"" + schema.replace("\"", "\"\"") + "\".\"flyway_schema_history\"";
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version, script, checksum, success, type from " + table)) {
            while (rows.next()) {
                if (rows.getString(1) == null && MARKERS.contains(rows.getString(5))) {
                    continue; // Flyway's note that it created the schema or this table itself
                }
                int checksum = rows.getInt(3);
                Integer value = rows.wasNull() ? null : checksum;
                if (rows.getString(1) == null || !rows.getBoolean(4)
                        || applied.put(rows.getString(2), value) != null) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            return Optional.empty(); // no history table yet: a new database
        }
        return Optional.of(applied);
    }

    /** Script name to checksum of every shipped migration (Java ones: class name, no checksum). */
    static Optional<Map<String, Integer>> shipped(List<Class<?>> javaMigrations) {
        Map<String, Integer> shipped = new HashMap<>();
        for (Class<?> migration : javaMigrations) {
            shipped.put(migration.getName(), null);
        }
        try {
            Enumeration<URL> roots = SchemaHistory.class.getClassLoader().getResources(LOCATION);
            boolean found = false;
            while (roots.hasMoreElements()) {
                found = true;
                if (!addSqlMigrations(roots.nextElement(), shipped)) {
                    return Optional.empty();
                }
            }
            return found ? Optional.of(shipped) : Optional.empty();
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Adds the migrations below {@code root}; false when one is not understood (or appears twice). */
    private static boolean addSqlMigrations(URL root, Map<String, Integer> shipped)
            throws IOException, URISyntaxException {
        if (root.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && entry.getName().startsWith(LOCATION + "/")) {
                        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                        try (InputStream content = jar.getInputStream(entry)) {
                            if (!add(name, content, shipped)) {
                                return false;
                            }
                        }
                    }
                }
            }
            return true;
        }
        if (!root.getProtocol().equals("file")) {
            return false;
        }
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                try (InputStream content = Files.newInputStream(file)) {
                    if (!add(file.getFileName().toString(), content, shipped)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean add(String name, InputStream content, Map<String, Integer> shipped) throws IOException {
        if (!VERSIONED_SQL.matcher(name).matches() || shipped.containsKey(name)) {
            return false;
        }
        Optional<Integer> checksum = checksum(content);
        checksum.ifPresent(value -> shipped.put(name, value));
        return checksum.isPresent();
    }

    /**
     * Flyway's checksum of a SQL migration: CRC-32 over each line's UTF-8 bytes without its line break, a byte
     * order mark dropped. Empty for a script with a placeholder, whose checksum Flyway takes after replacing it.
     */
    static Optional<Integer> checksum(InputStream content) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        for (; line != null; line = reader.readLine()) {
            if (line.contains("${")) {
                return Optional.empty();
            }
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return Optional.of((int) crc.getValue());
    }
}
