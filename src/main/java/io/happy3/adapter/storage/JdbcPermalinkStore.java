package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.PermalinkStore;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Links in the {@code permalinks} table (V19), one row per message, never replaced. Thread-safe. */
public final class JdbcPermalinkStore implements PermalinkStore {
    /** Messages looked up in one query (four parameters each). */
    private static final int MESSAGES_PER_QUERY = 250;

    private final Jdbc jdbc;

    public JdbcPermalinkStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public Map<MessageRef, String> findAll(Collection<MessageRef> messages) {
        requireNonNull(messages, "messages == null");
        List<MessageRef> distinct = List.copyOf(new LinkedHashSet<>(messages));
        Map<MessageRef, String> found = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += MESSAGES_PER_QUERY) {
            List<MessageRef> chunk = distinct.subList(from, Math.min(distinct.size(), from + MESSAGES_PER_QUERY));
            String sql = "select platform, tenant, channel, message_id, url from permalinks where "
                    + "(platform, tenant, channel, message_id) in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?)")) + ")";
            jdbc.query("finding the links of " + chunk.size() + " messages", sql, statement -> {
                for (int i = 0; i < chunk.size(); i++) {
                    Refs.setChannel(statement, 4 * i + 1, chunk.get(i).channel());
                    statement.setString(4 * i + 4, chunk.get(i).id());
                }
            }, rows -> {
                ChannelRef channel = Refs.channel(rows, "platform", "tenant", "channel");
                return found.put(new MessageRef(channel, rows.getString("message_id")), rows.getString("url"));
            });
        }
        return found;
    }

    @Override
    public void save(MessageRef message, String url) {
        requireNonNull(message, "message == null");
        requireNonNull(url, "url == null");
        jdbc.insertUnlessPresent("keeping the link of " + message.channel().key() + "/" + message.id(),
                "insert into permalinks (platform, tenant, channel, message_id, url) values (?, ?, ?, ?, ?)",
                statement -> {
                    Refs.setChannel(statement, 1, message.channel());
                    statement.setString(4, message.id());
                    statement.setString(5, url);
                });
    }
}
