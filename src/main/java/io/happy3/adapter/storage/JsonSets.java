package io.happy3.adapter.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/** Sets of ids as JSON arrays in one text column (sorted, so equal sets are equal text). */
final class JsonSets {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Set<String>> SET_OF_STRINGS = new TypeReference<>() { };

    private JsonSets() {
    }

    static String write(Set<String> values) {
        try {
            return MAPPER.writeValueAsString(new TreeSet<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a set of strings is always JSON", e);
        }
    }

    static Set<String> read(String json) throws SQLException {
        try {
            return Set.copyOf(MAPPER.readValue(json, SET_OF_STRINGS));
        } catch (JsonProcessingException e) {
            throw new SQLException("not a JSON array of strings: " + e.getOriginalMessage(), e);
        }
    }
}
