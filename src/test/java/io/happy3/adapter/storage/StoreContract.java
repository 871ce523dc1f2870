package io.happy3.adapter.storage;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the store contract tests: each test runs once per backend (in-memory, H2, and PostgreSQL when
 * {@code HAPPY3_TEST_POSTGRES_URL} is set), on databases opened once per class and emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
    private final List<TestDatabase> databases = new ArrayList<>();

    @BeforeAll
    void openDatabases() {
        databases.addAll(TestDatabases.openAll());
    }

    @AfterAll
    void closeDatabases() {
        databases.forEach(TestDatabase::close);
    }

    @BeforeEach
    void cleanDatabases() {
        databases.forEach(database -> TestDatabases.clean(database.database()));
    }

    Stream<Backend> backends() {
        List<Backend> backends = new ArrayList<>();
        backends.add(Backend.memory());
        databases.forEach(database -> backends.add(Backend.jdbc(database)));
        return backends.stream();
    }
}
