package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The little JDBC plumbing the stores share: connections, transactions, instants, error translation. */
final class Jdbc {
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource == null");
    }

    /** Work on one connection, in auto-commit mode. */
    <T> T withConnection(String context, SqlWork<T> work) {
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
        try (Connection connection = dataSource.getConnection()) {
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
            try {
                execute(connection, insertSql, binder);
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
