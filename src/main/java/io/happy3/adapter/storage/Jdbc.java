package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The little JDBC plumbing the stores share: connections, transactions, instants, error translation.
 *
 * <p>A {@linkplain #inUnitOfWork unit of work} binds one transaction to the calling thread: every store call
 * the thread makes meanwhile runs on it (a nested {@link #inTransaction} becomes a savepoint), so processing
 * one inbox entry commits once instead of once per statement.
 */
final class Jdbc {
    private final DataSource dataSource;
    /** Connections that commit without waiting for the WAL flush (PostgreSQL), for asynchronous units; or null. */
    private final Supplier<DataSource> asyncCommits;
    /** The connection of the unit of work the current thread runs, if any. */
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    Jdbc(DataSource dataSource) {
        this(dataSource, null);
    }

    /**
     * {@code asyncCommits}, when not null, gives the connections of asynchronously committed units of work: set up
     * once with {@code synchronous_commit = off}, so a unit needs no {@code SET LOCAL} round trip of its own.
     */
    Jdbc(DataSource dataSource, Supplier<DataSource> asyncCommits) {
        this.dataSource = requireNonNull(dataSource, "dataSource == null");
        this.asyncCommits = asyncCommits;
    }

    /**
     * Runs {@code work} in one transaction that every store call of this thread joins until it returns; commits
     * then, rolls everything back when it throws. {@code asyncCommit} (PostgreSQL only) lets the commit return
     * before its WAL reaches the disk: for work that a crash merely makes run again (its input is durable
     * elsewhere and its writes are idempotent). A unit already running on this thread is joined.
     */
    <T> T inUnitOfWork(String context, boolean asyncCommit, Supplier<T> work) {
        if (bound.get() != null) {
            return work.get();
        }
        boolean ownConnections = asyncCommit && asyncCommits != null;
        return inTransaction(context, ownConnections ? asyncCommits.get() : dataSource, connection -> {
            if (asyncCommit && !ownConnections) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local synchronous_commit = off");
                }
            }
            bound.set(connection);
            try {
                return work.get();
            } finally {
                bound.remove();
            }
        });
    }

    /** Whether the current thread runs a {@linkplain #inUnitOfWork unit of work}. */
    boolean inUnitOfWork() {
        return bound.get() != null;
    }

    /** Work on one connection, in auto-commit mode (or on the unit of work's transaction, when one runs). */
    <T> T withConnection(String context, SqlWork<T> work) {
        Connection joined = bound.get();
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw SqlErrors.translate(context, e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.translate(context, e);
        }
    }

    /**
     * Work in one transaction, committed when {@code work} returns, rolled back when it throws. The pool
     * restores auto-commit when the connection goes back.
     */
    <T> T inTransaction(String context, SqlWork<T> work) {
        if (bound.get() != null) {
            return withConnection(context, connection -> underSavepoint(connection, work));
        }
        return inTransaction(context, dataSource, work);
    }

    private static <T> T inTransaction(String context, DataSource source, SqlWork<T> work) {
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(context, e);
        }
    }

    /**
     * Work that must be atomic but need not survive its own failure inside a unit of work: there it runs on the
     * unit's transaction without a savepoint (two round trips fewer; a failure rolls the whole unit back), else in
     * a transaction of its own ({@link #inTransaction}).
     */
    <T> T atomically(String context, SqlWork<T> work) {
        return inUnitOfWork() ? withConnection(context, work) : inTransaction(context, work);
    }

    /**
     * Inside a unit of work, a failing statement must not abort the whole transaction (PostgreSQL refuses every
     * later statement of a transaction after an error): {@code work} runs under a savepoint, rolled back to
     * when it throws.
     */
    private static <T> T underSavepoint(Connection connection, SqlWork<T> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = work.run(connection);
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback(savepoint);
            throw e;
        }
    }

    int update(String context, String sql, Binder binder) {
        return withConnection(context, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Updates a row, or inserts it when there is none. Both statements take the same parameters in the
     * same order; a concurrent insert of the same key makes this update the winner's row instead.
     */
    void upsert(String context, String updateSql, String insertSql, Binder binder) {
        withConnection(context, connection -> {
            if (execute(connection, updateSql, binder) > 0) {
                return null;
            }
            if (bound.get() == connection) {
                // inside a unit of work: a conflict found by the row count instead of a savepoint's three round trips
                if (execute(connection, insertSql + " on conflict do nothing", binder) == 0) {
                    execute(connection, updateSql, binder);
                }
                return null;
            }
            try {
                guarded(connection, c -> execute(c, insertSql, binder));
            } catch (SQLException e) {
                if (!SqlErrors.uniqueViolation(e)) {
                    throw e;
                }
                execute(connection, updateSql, binder);
            }
            return null;
        });
    }

    /**
     * The one insert-unless-unique: runs {@code insertSql}; true when the row was written, false when a row with
     * its unique key exists already (a replayed event, a second replica). Other failures propagate.
     */
    boolean insertUnlessPresent(String context, String insertSql, Binder binder) {
        if (inUnitOfWork()) {
            // a failed insert would abort the unit's transaction; one statement instead of a savepoint's three
            return withConnection(context, connection -> execute(connection, insertSql + " on conflict do nothing",
                    binder) == 1);
        }
        return withConnection(context, connection -> {
            try {
                execute(connection, insertSql, binder);
                return true;
            } catch (SQLException e) {
                if (SqlErrors.uniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** {@code work} as it is, or under a savepoint inside a unit of work. */
    private <T> T guarded(Connection connection, SqlWork<T> work) throws SQLException {
        return bound.get() == connection ? underSavepoint(connection, work) : work.run(connection);
    }

    static int execute(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    <T> List<T> query(String context, String sql, Binder binder, RowMapper<T> mapper) {
        return withConnection(context, connection -> query(connection, sql, binder, mapper));
    }

    <T> Optional<T> queryOne(String context, String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(context, sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static <T> List<T> query(Connection connection, String sql, Binder binder, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Optional<Instant> findInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(getInstant(rows, column));
    }

    static String truncate(String text, int maxLength) {
        return text == null || text.length() <= maxLength ? text : text.substring(0, maxLength);
    }

    /** Work that needs a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }
}
