package io.happy3.adapter.storage;

import java.util.Locale;

/** The two databases Happy3 runs on; chosen from the JDBC URL. */
public enum Dialect {
    H2,
    POSTGRESQL;

    /** The dialect of {@code jdbcUrl}, or an error naming {@code HAPPY3_DB_URL} when it is neither. */
    static Dialect of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("HAPPY3_DB_URL must start with jdbc:h2: or jdbc:postgresql:, but was "
                + Database.redact(jdbcUrl));
    }
}
