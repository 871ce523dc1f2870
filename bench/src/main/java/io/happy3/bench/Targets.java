package io.happy3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers under test, each started as its own process with a clean environment: the bare Bolt app,
 * Happy3 {@code serve} on its default embedded H2 file (in a fresh temporary folder), and Happy3
 * {@code serve} on PostgreSQL (in a fresh schema, dropped afterwards).
 */
final class Targets {
    static final String SECRET = "bench-signing-secret-8f14e45fceea167a5a36dedd4bea2543";
    static final String TOKEN = "xoxb-bench-0000";

    /** A target: its key in {@code targets=}, the label in reports, and whether it is Happy3. */
    record Target(String key, String label, boolean happy3) {
    }

    static final Target BOLT = new Target("bolt", "bare Bolt app (verify + ack)", false);
    static final Target H2 = new Target("h2", "Happy3 `serve`, H2 file (default URL)", true);
    static final Target POSTGRES = new Target("postgres", "Happy3 `serve`, PostgreSQL", true);
    static final List<Target> ALL = List.of(BOLT, H2, POSTGRES);

    private final Settings settings;
    private final FakeSlack slack;
    private final String java;
    private final List<String> jvmOptions;

    Targets(Settings settings, FakeSlack slack) {
        this.settings = settings;
        this.slack = slack;
        this.java = ProcessHandle.current().info().command().orElse("java");
        String options = System.getenv().getOrDefault("BENCH_SERVER_JVM_OPTS", "").strip();
        this.jvmOptions = options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    /** The JVM options every server gets ("JVM defaults" when none). */
    String jvmOptions() {
        return jvmOptions.isEmpty() ? "none (JVM defaults)" : String.join(" ", jvmOptions);
    }

    Path happy3Jar() {
        return settings.root().resolve("target/happy3.jar");
    }

    Path benchJar() {
        return settings.root().resolve("bench/target/happy3-bench.jar");
    }

    /** Starts {@code target} (extra Happy3 variables in {@code extra}) and waits until it is ready. */
    Started start(Target target, Map<String, String> extra) throws IOException, InterruptedException {
        return start(target, extra, Map.of());
    }

    /**
     * Starts {@code target} with extra Happy3 variables and extra playbook files (name to YAML) beside the
     * shipped ones. With {@code HAPPY3_DB_URL} in {@code extra} the caller owns the database (no schema is
     * created or dropped).
     */
    Started start(Target target, Map<String, String> extra, Map<String, String> playbookFiles)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("happy3-bench-" + target.key() + "-");
        int port = ServerProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        // MALLOC_ARENA_MAX passes through, as the image sets it (see the Dockerfile).
        for (String keep : List.of("PATH", "HOME", "LANG", "JAVA_HOME", "TMPDIR", "MALLOC_ARENA_MAX")) {
            String value = System.getenv(keep);
            if (value != null) {
                env.put(keep, value);
            }
        }
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_BOT_TOKEN", TOKEN);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        String schema = null;
        if (target.happy3()) {
            command.addAll(List.of("-jar", happy3Jar().toString(), "serve"));
            // As from a fresh clone: the shipped playbooks in ./playbooks, everything else at its default.
            Path playbooks = Files.createDirectories(dir.resolve("playbooks"));
            try (var files = Files.list(settings.root().resolve("playbooks"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, playbooks.resolve(file.getFileName()));
                }
            }
            for (Map.Entry<String, String> file : playbookFiles.entrySet()) {
                Files.writeString(playbooks.resolve(file.getKey()), file.getValue());
            }
            env.put("HAPPY3_PORT", Integer.toString(port));
            env.put("HAPPY3_BIND", "127.0.0.1");
            env.put("HAPPY3_SLACK_API_URL", slack.apiUrl());
            if (target == POSTGRES && !extra.containsKey("HAPPY3_DB_URL")) {
                schema = "bench_" + Long.toString(System.currentTimeMillis(), 36);
                createSchema(schema);
                String url = settings.get("pg");
                env.put("HAPPY3_DB_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            }
            env.putAll(extra);
        } else {
            command.addAll(List.of("-cp", benchJar().toString(), BareBolt.class.getName()));
            env.put("PORT", Integer.toString(port));
            env.put("SLACK_API_URL", slack.apiUrl());
        }
        ServerProcess process = ServerProcess.start(target.label(), command, env, dir, port, dir.resolve("server.log"));
        return new Started(target, process, dir, schema);
    }

    /** A running target; closing it stops the process and drops its PostgreSQL schema. */
    final class Started implements AutoCloseable {
        final Target target;
        final ServerProcess process;
        final Path dir;
        final String schema;

        Started(Target target, ServerProcess process, Path dir, String schema) {
            this.target = target;
            this.process = process;
            this.dir = dir;
            this.schema = schema;
        }

        /** The JDBC URL of this target's PostgreSQL schema (null for the others). */
        String schemaUrl() {
            String url = settings.get("pg");
            return schema == null ? null : url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
            if (schema != null) {
                try {
                    dropSchema(schema);
                } catch (SQLException e) {
                    System.err.println("could not drop schema " + schema + ": " + e.getMessage());
                }
            }
        }
    }

    /** The JDBC URL of {@code schema} in the configured PostgreSQL database. */
    String schemaUrl(String schema) {
        String url = settings.get("pg");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    void createSchema(String schema) throws IOException {
        try (Connection connection = DriverManager.getConnection(settings.get("pg"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IOException("PostgreSQL at " + settings.get("pg") + ": " + e.getMessage(), e);
        }
    }

    boolean schemaExists(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.get("pg"));
             var statement = connection.prepareStatement("select 1 from information_schema.schemata where schema_name = ?")) {
            statement.setString(1, schema);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    void dropSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.get("pg"));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** PostgreSQL's version string, or "n/a". */
    String postgresVersion() {
        try (Connection connection = DriverManager.getConnection(settings.get("pg"));
             Statement statement = connection.createStatement();
             var result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return "PostgreSQL " + result.getString(1);
        } catch (SQLException e) {
            return "PostgreSQL n/a (" + e.getMessage() + ")";
        }
    }
}
