package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The sandbox's channel history in the {@code sandbox_log} table: what people typed, what the bot said, and
 * the simulated clock. The sandbox plays the chat platform, and this is the history a platform keeps on its
 * side; the bot's own tables still hold no message text. Read once, then served from memory. Thread-safe.
 */
final class SandboxLog {
    /** One entry: {@code kind} says what happened ({@code message}, {@code nudge}, {@code reply}…). */
    record Entry(long seq, String kind, ObjectNode body) {
    }

    static final String CLOCK = "clock";

    private final DataSource dataSource;
    private final String tenant;
    private final ObjectMapper json;
    private List<Entry> entries;

    SandboxLog(DataSource dataSource, String tenant, ObjectMapper json) {
        this.dataSource = requireNonNull(dataSource, "dataSource == null");
        this.tenant = requireNonNull(tenant, "tenant == null");
        this.json = requireNonNull(json, "json == null");
    }

    synchronized Entry append(String kind, ObjectNode body) {
        String text = write(body);
        List<Entry> loaded = all();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "insert into sandbox_log (tenant, kind, body) values (?, ?, ?)", new String[] {"seq"})) {
            statement.setString(1, tenant);
            statement.setString(2, kind);
            statement.setString(3, text);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                Entry entry = new Entry(keys.getLong(1), kind, body);
                loaded.add(entry);
                return entry;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the sandbox history: " + e.getMessage(), e);
        }
    }

    /** Every entry but the clock, oldest first. */
    synchronized List<Entry> entries() {
        return List.copyOf(all());
    }

    /** The saved simulated time, epoch milliseconds, if any. */
    synchronized Optional<Long> clock() {
        return query("select body from sandbox_log where tenant = ? and kind = ?", CLOCK).stream().findFirst()
                .map(Long::parseLong);
    }

    synchronized void saveClock(long epochMillis) {
        try (Connection connection = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "update sandbox_log set body = ? where tenant = ? and kind = ?")) {
                update.setString(1, Long.toString(epochMillis));
                update.setString(2, tenant);
                update.setString(3, CLOCK);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into sandbox_log (tenant, kind, body) values (?, ?, ?)")) {
                    insert.setString(1, tenant);
                    insert.setString(2, CLOCK);
                    insert.setString(3, Long.toString(epochMillis));
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the sandbox clock: " + e.getMessage(), e);
        }
    }

    /** Deletes the whole history and the clock. */
    synchronized void erase() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("delete from sandbox_log where tenant = ?")) {
            statement.setString(1, tenant);
            statement.executeUpdate();
            entries = new ArrayList<>();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the sandbox history: " + e.getMessage(), e);
        }
    }

    private List<Entry> all() {
        if (entries == null) {
            List<Entry> loaded = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(
                         "select seq, kind, body from sandbox_log where tenant = ? and kind <> ? order by seq")) {
                statement.setString(1, tenant);
                statement.setString(2, CLOCK);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        loaded.add(new Entry(rows.getLong("seq"), rows.getString("kind"),
                                (ObjectNode) json.readTree(rows.getString("body"))));
                    }
                }
            } catch (SQLException | JsonProcessingException e) {
                throw new IllegalStateException("cannot read the sandbox history: " + e.getMessage(), e);
            }
            entries = loaded;
        }
        return entries;
    }

    private List<String> query(String sql, String kind) {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            statement.setString(2, kind);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sandbox history: " + e.getMessage(), e);
        }
        return found;
    }

    private String write(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a sandbox entry", e);
        }
    }
}
