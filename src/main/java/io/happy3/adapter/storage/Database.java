package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a small HikariCP pool over embedded H2 or PostgreSQL, migrated by Flyway when opened.
 * The pool notices an outage within about two seconds and reconnects by itself when the database
 * returns. Instants are stored with microsecond precision (PostgreSQL's). Thread-safe.
 *
 * <p>An embedded H2 file belongs to one process (no {@code AUTO_SERVER}): claims on it are serialised
 * in that process, and several replicas need PostgreSQL.
 */
public final class Database implements AutoCloseable {
    /** The embedded default: a file under {@code ./data/}. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/happy3";
    /** H2 settings that keep SQL portable with PostgreSQL; appended when the URL does not set them. */
    private static final Map<String, String> H2_SETTINGS = Map.of(
            "MODE", "PostgreSQL", "DATABASE_TO_LOWER", "TRUE", "DEFAULT_NULL_ORDERING", "HIGH");
    private static final int DEFAULT_POOL_SIZE = 5;
    private static final long CONNECTION_TIMEOUT_MILLIS = 2_000;
    /** An embedded H2 database belongs to one process: claims on it are serialised per database. */
    private static final Map<String, ReentrantLock> H2_CLAIM_LOCKS = new ConcurrentHashMap<>();
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** The migrations written in Java, beside the SQL ones under {@code db/migration}. */
    private static final List<JavaMigration> JAVA_MIGRATIONS = List.of(
            new V23__InboxKeyIndexOnlyOnPostgresql(), new V24__InboxDoneIndexOnlyOnPostgresql());
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** The classes of the Java migrations Flyway runs (for {@link SchemaHistory}). */
    static List<Class<?>> javaMigrationTypes() {
        return JAVA_MIGRATIONS.stream().<Class<?>>map(Object::getClass).toList();
    }

    private final String url;
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbc jdbc;
    private final PoolSettings settings;
    /** PostgreSQL: the pool of asynchronously committed units of work (the inbox worker's), opened on first use. */
    private volatile HikariDataSource asyncCommits;
    private volatile InboxBatchWriter inboxWriter;
    private volatile boolean closed;

    private Database(String url, Dialect dialect, HikariDataSource dataSource, PoolSettings settings) {
        this.url = url;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.settings = settings;
        this.jdbc = dialect == Dialect.POSTGRESQL ? new Jdbc(dataSource, this::asyncCommits) : new Jdbc(dataSource);
    }

    /** How the pools are opened: the URL's credentials, and the sizes of the main and the processing pool. */
    private record PoolSettings(String jdbcUrl, String user, String password, int asyncPoolSize) {
        @Override
        public String toString() {
            return "PoolSettings[" + redact(jdbcUrl) + ", async pool " + asyncPoolSize + "]"; // never the password
        }
    }

    /** Opens the database at {@code url} with a pool of five connections and migrates it. */
    public static Database open(String url, String user, String password) {
        return open(url, user, password, DEFAULT_POOL_SIZE);
    }

    /**
     * Opens the database at {@code url} ({@code jdbc:h2:…} or {@code jdbc:postgresql:…}; empty user and
     * password leave credentials to the URL) and runs the migrations.
     *
     * @throws IllegalArgumentException when the URL is malformed, naming {@code HAPPY3_DB_URL}
     * @throws StorageUnavailableException when the database cannot be reached
     */
    public static Database open(String url, String user, String password, int maxPoolSize) {
        return open(url, user, password, maxPoolSize, maxPoolSize);
    }

    /**
     * {@link #open(String, String, String, int)}, and on PostgreSQL a second pool of up to {@code asyncPoolSize}
     * connections, opened when the first asynchronously committed unit of work (the inbox worker's claims and
     * entries) needs one: its connections are set up once with {@code synchronous_commit = off}.
     */
    public static Database open(String url, String user, String password, int maxPoolSize, int asyncPoolSize) {
        Database database = connect(url, user, password, maxPoolSize, asyncPoolSize);
        database.migrate();
        return database;
    }

    /**
     * {@link #open(String, String, String, int, int)} without the migrations: the pool is connected, the schema
     * may be out of date. The caller runs {@link #migrate} before any store uses the database; {@code serve} does
     * that on another thread while it builds everything else, so the two halves of the start share the cores.
     */
    public static Database connect(String url, String user, String password, int maxPoolSize, int asyncPoolSize) {
        requireNonNull(url, "url == null");
        if (asyncPoolSize < 1) {
            throw new IllegalArgumentException("asyncPoolSize < 1: " + asyncPoolSize);
        }
        if (url.isBlank()) {
            throw new IllegalArgumentException("HAPPY3_DB_URL is blank");
        }
        Dialect dialect = Dialect.of(url.trim());
        String jdbcUrl = dialect == Dialect.H2 ? h2Url(url.trim()) : url.trim();
        HikariDataSource dataSource = pool(jdbcUrl, dialect, user, password, maxPoolSize, null);
        return new Database(jdbcUrl, dialect, dataSource, new PoolSettings(jdbcUrl, user, password, asyncPoolSize));
    }

    /** A pool; {@code initSql}, when not null, runs once on each new connection. */
    private static HikariDataSource pool(String jdbcUrl, Dialect dialect, String user, String password,
                                         int maxPoolSize, String initSql) {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize < 1: " + maxPoolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("happy3-db-" + POOLS.incrementAndGet());
        config.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isEmpty()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(1_000);
        config.setKeepaliveTime(60_000);
        if (initSql != null) {
            config.setPoolName(config.getPoolName() + "-async");
            config.setConnectionInitSql(initSql);
        }
        if (dialect == Dialect.POSTGRESQL) {
            // Fail fast on a dead host, and never hang forever on a half-open socket.
            config.addDataSourceProperty("connectTimeout", "2");
            config.addDataSourceProperty("socketTimeout", "30");
            config.addDataSourceProperty("tcpKeepAlive", "true");
            config.addDataSourceProperty("ApplicationName", "happy3");
        }
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StorageUnavailableException("cannot connect to the database at HAPPY3_DB_URL="
                    + redact(jdbcUrl) + ": " + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("HAPPY3_DB_URL is not usable: " + redact(jdbcUrl) + ": "
                    + rootMessage(e), e);
        }
    }

    /**
     * Applies the pending migrations (Flyway; not even set up when the schema history already lists every shipped
     * migration unchanged, see {@link SchemaHistory}); on failure closes the database and throws.
     *
     * @throws StorageUnavailableException when the database went away while migrating
     * @throws StorageException when a migration failed
     */
    public void migrate() {
        if (SchemaHistory.upToDate(dataSource, javaMigrationTypes())) {
            log.info("database ready: {} ({}, every migration applied)", redact(url), dialect);
            return;
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:" + SchemaHistory.LOCATION)
                    .javaMigrations(JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            close();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && SqlErrors.unavailable(sql)) {
                    throw new StorageUnavailableException("database unavailable while migrating "
                            + redact(url) + ": " + sql.getMessage(), e);
                }
            }
            throw new StorageException("migrating " + redact(url) + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("database ready: {} ({})", redact(url), dialect);
    }

    /** {@code url} with the H2 settings appended that it does not set itself. */
    static String h2Url(String url) {
        StringBuilder result = new StringBuilder(url);
        String upper = url.toUpperCase(Locale.ROOT);
        H2_SETTINGS.forEach((key, value) -> {
            if (!upper.contains(";" + key + "=")) {
                result.append(';').append(key).append('=').append(value);
            }
        });
        // An in-memory database would vanish whenever the pool happens to hold no connection.
        if (upper.startsWith("JDBC:H2:MEM:") && !upper.contains(";DB_CLOSE_DELAY=")) {
            result.append(";DB_CLOSE_DELAY=-1");
        }
        if (!upper.startsWith("JDBC:H2:MEM:")) {
            // Acked means on disk: H2 otherwise writes a commit up to 500 ms later, and a kill -9 in that
            // window loses acknowledged events. Group commit (InboxBatchWriter) keeps the cost small.
            if (!upper.contains(";WRITE_DELAY=")) {
                result.append(";WRITE_DELAY=0");
            }
            // H2 would close itself in its own JVM shutdown hook, before the graceful shutdown's last stage.
            // (H2 refuses this together with AUTO_SERVER, which `happy3 backup` next to a running server needs.)
            if (!upper.contains(";DB_CLOSE_ON_EXIT=") && !upper.contains(";AUTO_SERVER=TRUE")) {
                result.append(";DB_CLOSE_ON_EXIT=FALSE");
            }
        }
        return result.toString();
    }

    /** {@code url} without anything that looks like a password. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The pooled data source, for code that needs plain JDBC (tests, health checks). */
    public DataSource dataSource() {
        return dataSource;
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /**
     * The group-commit writer of inbox appends on this database, started on first use (every ack calls this, so
     * only the first takes the lock).
     */
    InboxBatchWriter inboxWriter() {
        InboxBatchWriter writer = inboxWriter;
        if (writer != null && !closed) {
            return writer;
        }
        synchronized (this) {
            if (closed) {
                throw new StorageUnavailableException("the database " + redact(url) + " is closed", null);
            }
            if (inboxWriter == null) {
                inboxWriter = new InboxBatchWriter(jdbc, InboxBatchWriter.Settings.defaults(dialect));
            }
            return inboxWriter;
        }
    }

    /**
     * The PostgreSQL connections of asynchronously committed units of work, opened on first use. Safe because
     * only such units take them: the ack path, the scheduler and every other write keep synchronous commits.
     */
    private javax.sql.DataSource asyncCommits() {
        HikariDataSource pool = asyncCommits;
        if (pool != null && !closed) {
            return pool;
        }
        synchronized (this) {
            return openAsyncCommits();
        }
    }

    private HikariDataSource openAsyncCommits() {
        if (closed) {
            throw new StorageUnavailableException("the database " + redact(url) + " is closed", null);
        }
        if (asyncCommits == null) {
            asyncCommits = pool(settings.jdbcUrl(), dialect, settings.user(), settings.password(),
                    settings.asyncPoolSize(), "set synchronous_commit = off");
        }
        return asyncCommits;
    }

    /** Acknowledgements waiting for their group commit right now (0 before the first append). */
    int acksWaiting() {
        InboxBatchWriter writer = inboxWriter;
        return writer == null ? 0 : writer.waiting();
    }

    /**
     * On embedded H2, frees every lease on inbox entries and nudges, and returns how many it freed. An H2
     * file belongs to one process, so a lease found at start was held by a process that died: its work
     * resumes now instead of when the lease runs out. Does nothing on PostgreSQL, where a lease may belong
     * to a live replica (short leases and heartbeats hand a dead replica's work over there).
     */
    public int releaseLeasesOfDeadProcess() {
        if (dialect != Dialect.H2) {
            return 0;
        }
        return jdbc.inTransaction("releasing leases of a previous process", connection ->
                Jdbc.execute(connection, "update inbox set lease_owner = null, lease_until = null "
                        + "where lease_until is not null and status = 'PENDING'", statement -> { })
                + Jdbc.execute(connection, "update nudges set lease_owner = null, lease_until = null "
                        + "where lease_until is not null and status = 'PENDING'", statement -> { }));
    }

    /**
     * The one lease-claim shape (inbox entries, due nudges): on PostgreSQL one statement that skips rows other
     * replicas are locking ({@code onPostgres}); on H2, which has no SKIP LOCKED, a transaction of conditional
     * updates ({@code onH2}) under a lock that serialises this process's claims (an embedded database has one
     * process).
     */
    <T> List<T> claim(String context, Lease lease, ClaimWork<T> onPostgres, ClaimWork<T> onH2) {
        requireNonNull(lease, "lease == null");
        if (lease.limit() < 1) {
            return List.of();
        }
        return claim(context, connection -> onPostgres.claim(connection, lease),
                connection -> onH2.claim(connection, lease));
    }

    /** What one claim asks: up to {@code limit} rows for {@code owner}, leased from {@code now} to {@code until}. */
    record Lease(String owner, int limit, Instant now, Instant until) {
        Lease(String owner, int limit, Instant now, Duration lease) {
            this(requireNonNull(owner, "owner == null"), limit, requireNonNull(now, "now == null"),
                    now.plus(requireNonNull(lease, "lease == null")));
        }

        /**
         * Binds the PostgreSQL claim statement, which both stores write in one order: {@code set lease_owner = ?,
         * lease_until = ?}, a claimable condition on {@code now} twice, {@code limit ?}.
         */
        void bindPostgres(java.sql.PreparedStatement statement) throws SQLException {
            statement.setString(1, owner);
            Jdbc.setInstant(statement, 2, until);
            Jdbc.setInstant(statement, 3, now);
            Jdbc.setInstant(statement, 4, now);
            statement.setInt(5, limit);
        }
    }

    /** One dialect's half of a claim. */
    interface ClaimWork<T> {
        List<T> claim(Connection connection, Lease lease) throws SQLException;
    }

    private <T> T claim(String context, Jdbc.SqlWork<T> onPostgres, Jdbc.SqlWork<T> onH2) {
        if (dialect == Dialect.POSTGRESQL) {
            return jdbc.withConnection(context, onPostgres);
        }
        ReentrantLock lock = H2_CLAIM_LOCKS.computeIfAbsent(url, key -> new ReentrantLock());
        lock.lock();
        try {
            return jdbc.inTransaction(context, onH2);
        } finally {
            lock.unlock();
        }
    }

    /** True when a connection can be had and answers within about three seconds (readiness). */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Finishes queued inbox appends, then closes the pool (and an embedded database with its last connection). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (inboxWriter != null) {
                inboxWriter.close();
            }
            if (asyncCommits != null) {
                asyncCommits.close();
            }
        }
        if (dialect == Dialect.H2 && url.toUpperCase(Locale.ROOT).startsWith("JDBC:H2:MEM:")) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("shutdown");
            } catch (SQLException e) {
                log.debug("shutting down in-memory H2 failed", e);
            }
        }
        dataSource.close();
    }

    @Override
    public String toString() {
        return "Database[" + dialect + " " + redact(url) + "]";
    }
}
