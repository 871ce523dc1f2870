package io.happy3.adapter.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Translates {@link SQLException}s into this package's unchecked exceptions. */
final class SqlErrors {
    /** PostgreSQL: admin shutdown, crash shutdown, cannot connect now. H2: connection broken, database closed. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "90067", "90098",
            "90121");
    static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    static StorageException translate(String context, SQLException e) {
        if (unavailable(e)) {
            return new StorageUnavailableException("database unavailable: " + context + ": " + e.getMessage(), e);
        }
        return new StorageException(context + " failed (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
    }

    static boolean unavailable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static boolean uniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }
}
