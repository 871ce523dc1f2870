package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.RenderedNudgeStore;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.StepId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renderings in the {@code rendered_nudges} table (V10), one row per nudge; the actions are their wire
 * names, comma-separated (a name no longer known is skipped when read). The channel shares the
 * recipient's platform and tenant. Thread-safe.
 */
public final class JdbcRenderedNudgeStore implements RenderedNudgeStore {
    private final Jdbc jdbc;
    private final String upsert;
    private final boolean postgres;

    public JdbcRenderedNudgeStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
        this.postgres = database.dialect() == Dialect.POSTGRESQL;
        this.upsert = postgres ? POSTGRES_UPSERT : H2_UPSERT;
    }

    private static final String COLUMNS = "recipient_platform, recipient_tenant, recipient_user, channel_id, "
            + "thread_root, step_id, text, actions, late, nudge_id";
    /** One statement, whether the row exists or not (an update, then an insert when none, was two round trips). */
    private static final String POSTGRES_UPSERT = "insert into rendered_nudges (" + COLUMNS + ") values "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (nudge_id) do update set "
            + "recipient_platform = excluded.recipient_platform, recipient_tenant = excluded.recipient_tenant, "
            + "recipient_user = excluded.recipient_user, channel_id = excluded.channel_id, "
            + "thread_root = excluded.thread_root, step_id = excluded.step_id, text = excluded.text, "
            + "actions = excluded.actions, late = excluded.late";
    /** H2's upsert by primary key: updates the row with this {@code nudge_id}, or inserts one. */
    private static final String H2_UPSERT = "merge into rendered_nudges (" + COLUMNS + ") key (nudge_id) values "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public void save(NudgeMessage message) {
        requireNonNull(message, "message == null");
        String context = "saving the rendering of nudge " + message.nudgeId().value();
        try {
            jdbc.update(context, upsert, statement -> bind(statement, message));
        } catch (StorageException e) {
            if (!raced(e)) {
                throw e;
            }
            jdbc.update(context, upsert, statement -> bind(statement, message)); // the row is there now: updated
        }
    }

    /**
     * One batch of upserts in one transaction (one round trip where the driver batches). On PostgreSQL it is
     * committed asynchronously: a rendering only redraws the App Home, and one a database crash loses shows there
     * as the nudge's plain line until the nudge is rendered again (no fsync wait per delivery, BENCHMARKS.md).
     */
    @Override
    public void saveAll(List<NudgeMessage> messages) {
        requireNonNull(messages, "messages == null");
        if (messages.size() < 2) {
            messages.forEach(this::save);
            return;
        }
        String context = "saving the renderings of " + messages.size() + " nudges";
        if (postgres) { // joins the unit of work already running on this thread, if any
            jdbc.inUnitOfWork(context, true, () -> {
                batch(context, messages);
                return null;
            });
            return;
        }
        batch(context, messages);
    }

    private void batch(String context, List<NudgeMessage> messages) {
        try {
            jdbc.atomically(context, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                    for (NudgeMessage message : messages) {
                        bind(statement, message);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
                return null;
            });
        } catch (StorageException e) {
            if (!raced(e)) {
                throw e;
            }
            messages.forEach(this::save);
        }
    }

    /**
     * H2's merge updates a row or inserts one, so another writer inserting the same nudge's row at that moment can
     * make it fail on the key (PostgreSQL's {@code on conflict} cannot): saved again, the row is then updated.
     */
    private static boolean raced(StorageException e) {
        return e.getCause() instanceof SQLException sql && SqlErrors.uniqueViolation(sql);
    }

    private static void bind(PreparedStatement statement, NudgeMessage message) throws SQLException {
        statement.setString(1, message.recipient().platform().name());
        statement.setString(2, message.recipient().tenant());
        statement.setString(3, message.recipient().user());
        statement.setString(4, message.channel().channel());
        statement.setString(5, message.thread().id());
        statement.setString(6, message.stepId().value());
        statement.setString(7, message.text());
        statement.setString(8, message.actions().stream().map(NudgeAction::wireName)
                .collect(Collectors.joining(",")));
        statement.setBoolean(9, message.late());
        statement.setString(10, message.nudgeId().value());
    }

    /** One query per 500 nudges. */
    @Override
    public Map<NudgeId, NudgeMessage> findAll(Collection<NudgeId> nudges) {
        List<NudgeId> distinct = List.copyOf(new LinkedHashSet<>(requireNonNull(nudges, "nudges == null")));
        Map<NudgeId, NudgeMessage> found = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += 500) {
            List<NudgeId> chunk = distinct.subList(from, Math.min(distinct.size(), from + 500));
            jdbc.query("finding the renderings of " + chunk.size() + " nudges",
                    "select * from rendered_nudges where nudge_id in ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", statement -> {
                        for (int i = 0; i < chunk.size(); i++) {
                            statement.setString(i + 1, chunk.get(i).value());
                        }
                    }, JdbcRenderedNudgeStore::read).forEach(message -> found.put(message.nudgeId(), message));
        }
        return found;
    }

    @Override
    public Optional<NudgeMessage> find(NudgeId nudge) {
        requireNonNull(nudge, "nudge == null");
        return jdbc.queryOne("finding the rendering of nudge " + nudge.value(),
                "select * from rendered_nudges where nudge_id = ?", statement -> statement.setString(1, nudge.value()),
                JdbcRenderedNudgeStore::read);
    }

    private static NudgeMessage read(ResultSet rows) throws SQLException {
        Platform platform = Platform.valueOf(rows.getString("recipient_platform"));
        String tenant = rows.getString("recipient_tenant");
        List<NudgeAction> actions = Arrays.stream(rows.getString("actions").split(",")).filter(name -> !name.isEmpty())
                .map(NudgeAction::fromWireName).flatMap(Optional::stream).toList();
        return new NudgeMessage(new NudgeId(rows.getString("nudge_id")),
                new UserRef(platform, tenant, rows.getString("recipient_user")),
                new MessageRef(new ChannelRef(platform, tenant, rows.getString("channel_id")),
                        rows.getString("thread_root")),
                new StepId(rows.getString("step_id")), rows.getString("text"), actions, rows.getBoolean("late"));
    }
}
