package io.happy3.adapter.signalmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads JSON lines — one object a line, blank lines skipped — the format of {@code happy3 signals} input and of
 * labelled corpora. What a malformed line means is the caller's choice: skip it with a message, or stop.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Receives each parsed line with its 1-based number. */
    public interface Handler {
        void accept(int number, JsonNode node);
    }

    /** Told about a line that is not JSON: its number and the parser's first line of explanation. */
    public interface BadLine {
        void reject(int number, String problem);
    }

    private JsonLines() {
    }

    /** Reads {@code reader} to its end; I/O failures propagate. */
    public static void read(BufferedReader reader, Handler handler, BadLine bad) throws IOException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                bad.reject(number, e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            handler.accept(number, node);
        }
    }
}
