package io.happy3.app;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * Tags every log line of the current thread with the team and the platform event id (MDC keys
 * {@code team} and {@code event_id}) until closed, then restores what was there before:
 * {@code try (LogContext ignored = LogContext.of(team, eventId)) { … }}. Not shared between threads.
 */
public final class LogContext implements AutoCloseable {
    public static final String TEAM = "team";
    public static final String EVENT_ID = "event_id";

    private final Optional<String> previousTeam;
    private final Optional<String> previousEventId;

    private LogContext(String team, String eventId) {
        previousTeam = Optional.ofNullable(MDC.get(TEAM));
        previousEventId = Optional.ofNullable(MDC.get(EVENT_ID));
        put(TEAM, team);
        put(EVENT_ID, eventId);
    }

    /** Sets both keys; a null value leaves that key unset for the scope. */
    public static LogContext of(String team, String eventId) {
        return new LogContext(team, eventId);
    }

    @Override
    public void close() {
        put(TEAM, previousTeam.orElse(null));
        put(EVENT_ID, previousEventId.orElse(null));
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
