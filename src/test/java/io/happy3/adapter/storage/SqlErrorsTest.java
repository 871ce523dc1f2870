package io.happy3.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
    @Test
    void translate_poolTimeout_isUnavailableWithContext() {
        StorageException translated = SqlErrors.translate("appending SLACK event Ev1",
                new SQLTransientConnectionException("happy3-db-1 - Connection is not available"));

        assertThat(translated).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("appending SLACK event Ev1");
    }

    @Test
    void translate_connectionStateOrAdminShutdown_isUnavailable() {
        assertThat(SqlErrors.translate("x", new SQLException("I/O error", "08006")))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(SqlErrors.translate("x", new SQLException("terminating connection", "57P01")))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(SqlErrors.translate("x", new SQLException("wrapped", "XX000",
                new SQLException("Connection is broken", "90067")))).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void translate_constraintOrSyntaxError_isPlainStorageExceptionWithState() {
        StorageException translated = SqlErrors.translate("saving issue i1",
                new SQLException("duplicate key", "23505"));

        assertThat(translated).isNotInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("saving issue i1 failed (SQLState 23505)");
    }
}
