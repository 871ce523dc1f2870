package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueChangedConcurrentlyException;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.playbook.PlaybookId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Issues and their event history in the {@code issues} and {@code issue_events} tables. Stores ids,
 * times, rules and evidence, never message text. A save is an optimistic write: it applies only while the
 * stored {@code version} is the one the issue was read at, so a concurrent writer's history is never lost.
 * A save appends only the events the stored history lacks when it knows that history (the store remembers
 * what it last read of an issue, and the update checks the stored {@code event_count}); otherwise it
 * rewrites the history. Thread-safe.
 */
public final class JdbcIssueStore implements IssueStore {
    private static final String SELECT = """
            select i.*, e.seq, e.event_type, e.occurred_at, e.actor_platform, e.actor_tenant, e.actor_id,
                   e.message_id, e.rule_name, e.evidence, e.due_at
            from issues i left join issue_events e on e.issue_id = i.id
            """;
    private static final String ACTIVE_STATES = Arrays.stream(IssueState.values())
            .filter(IssueState::active)
            .map(state -> "'" + state.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    /** Issues remembered with their stored history: a save follows its read within milliseconds, so few suffice. */
    private static final int REMEMBERED_ISSUES = 1_024;

    private final Jdbc jdbc;
    /**
     * What this store last read of an issue: its version and history (every save follows a read of the value it
     * changes). Only a hint for a save, which the update verifies (version and {@code event_count}).
     */
    private final Cache<IssueId, StoredHistory> stored = Caffeine.newBuilder().maximumSize(REMEMBERED_ISSUES).build();

    public JdbcIssueStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    /** An issue's stored version and the history stored with it. */
    private record StoredHistory(long version, List<IssueEvent> history) {
    }

    @Override
    public Optional<Issue> find(IssueId id) {
        requireNonNull(id, "id == null");
        List<Issue> issues = select("finding issue " + id, "where i.id = ?", statement -> statement.setString(1,
                id.value()));
        return issues.stream().findFirst();
    }

    @Override
    public void save(Issue issue) {
        requireNonNull(issue, "issue == null");
        String context = "saving issue " + issue.id();
        if (jdbc.inUnitOfWork()) {
            // Every conflict is found by a row count before anything is written: no savepoint is needed.
            jdbc.atomically(context, connection -> write(connection, issue, true));
        } else {
            try {
                jdbc.inTransaction(context, connection -> write(connection, issue, false));
            } catch (StorageException e) {
                if (issue.version() == 0 && e.getCause() instanceof SQLException sql
                        && SqlErrors.uniqueViolation(sql)) {
                    // another writer inserted the same new issue first: this value is based on nothing stored
                    throw new IssueChangedConcurrentlyException(issue.id(), 0);
                }
                throw e;
            }
        }
    }

    /**
     * Inserts a new issue with its history, or updates a stored one and appends the events its stored history
     * lacks (rewriting the history when this store does not know it). {@code unlessPresent}: a new issue someone
     * else inserted first is found by the row count (inside a unit of work, where an error would abort it).
     */
    private Void write(Connection connection, Issue issue, boolean unlessPresent) throws SQLException {
        if (issue.version() == 0) {
            if (insertIssue(connection, issue, unlessPresent) == 0) {
                throw new IssueChangedConcurrentlyException(issue.id(), 0);
            }
            insertEvents(connection, issue, 0);
            return null;
        }
        int known = knownEvents(issue);
        if (known >= 0 && updateIssue(connection, issue, known) == 1) {
            insertEvents(connection, issue, known);
            return null;
        }
        if (updateIssue(connection, issue, -1) == 0) {
            throw new IssueChangedConcurrentlyException(issue.id(), issue.version());
        }
        delete(connection, "delete from issue_events where issue_id = ?", issue.id().value());
        insertEvents(connection, issue, 0);
        return null;
    }

    /** How many of {@code issue}'s events are stored, if this store knows (-1 when it does not). */
    private int knownEvents(Issue issue) {
        StoredHistory known = stored.getIfPresent(issue.id());
        if (known == null || known.version() != issue.version() || known.history().size() > issue.history().size()
                || !issue.history().subList(0, known.history().size()).equals(known.history())) {
            return -1;
        }
        return known.history().size();
    }

    @Override
    public Optional<Issue> findByMessage(MessageRef message) {
        requireNonNull(message, "message == null");
        ChannelRef channel = message.channel();
        String messageId = message.id();
        String where = """
                where i.platform = ? and i.tenant = ? and i.channel = ?
                  and (i.root_message_id = ?
                       or i.id in (select m.issue_id from issue_events m where m.message_id = ?))
                """;
        return select("finding the issue of message " + messageId + " in " + channel.key(), where, statement -> {
            Refs.setChannel(statement, 1, channel);
            statement.setString(4, messageId);
            statement.setString(5, messageId);
        }).stream().findFirst();
    }

    @Override
    public List<Issue> findByCustomer(ChannelRef channel, UserRef customer, Instant since) {
        requireNonNull(channel, "channel == null");
        requireNonNull(customer, "customer == null");
        requireNonNull(since, "since == null");
        String where = """
                where i.platform = ? and i.tenant = ? and i.channel = ?
                  and i.customer_platform = ? and i.customer_tenant = ? and i.customer_id = ? and i.opened_at >= ?
                """;
        return select("finding issues of " + customer.key(), where, statement -> {
            Refs.setChannel(statement, 1, channel);
            Refs.setUser(statement, 4, Optional.of(customer));
            Jdbc.setInstant(statement, 7, since);
        });
    }

    @Override
    public List<Issue> findActiveBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        return select("finding issues of " + tenant + " active in [" + from + ", " + to + ")",
                "where i.tenant = ? and i.opened_at < ? and i.last_activity_at >= ?", statement -> {
                    statement.setString(1, tenant);
                    Jdbc.setInstant(statement, 2, to);
                    Jdbc.setInstant(statement, 3, from);
                });
    }

    @Override
    public List<Issue> findActive() {
        return select("finding active issues", "where i.state in " + ACTIVE_STATES, statement -> { });
    }

    @Override
    public List<Issue> findActiveQuietSince(Instant quietSince) {
        requireNonNull(quietSince, "quietSince == null");
        return select("finding active issues quiet since " + quietSince, "where i.state in " + ACTIVE_STATES
                + " and i.last_activity_at <= ?", statement -> Jdbc.setInstant(statement, 1, quietSince));
    }

    @Override
    public List<Issue> findActiveOfAgent(UserRef agent) {
        requireNonNull(agent, "agent == null");
        return select("finding the active issues of " + agent.key(), "where i.agent_id = ? and i.agent_tenant = ? "
                + "and i.agent_platform = ? and i.state in " + ACTIVE_STATES, statement -> {
                    statement.setString(1, agent.user());
                    statement.setString(2, agent.tenant());
                    statement.setString(3, agent.platform().name());
                });
    }

    private List<Issue> select(String context, String where, Jdbc.Binder binder) {
        String sql = SELECT + where + " order by i.opened_at, i.id, e.seq";
        return jdbc.withConnection(context, connection -> {
            Map<String, IssueRows> issues = new LinkedHashMap<>();
            Jdbc.query(connection, sql, binder, rows -> {
                IssueRows issue = issues.computeIfAbsent(rows.getString("id"), id -> new IssueRows());
                if (issue.head == null) {
                    issue.head = readIssue(rows);
                }
                if (rows.getString("event_type") != null) {
                    issue.history.add(readEvent(rows));
                }
                return null;
            });
            List<Issue> found = issues.values().stream().map(IssueRows::toIssue).toList();
            found.forEach(issue -> stored.put(issue.id(),
                    new StoredHistory(issue.version(), issue.history())));
            return found;
        });
    }

    private static Issue readIssue(ResultSet rows) throws SQLException {
        ChannelRef channel = Refs.channel(rows, "platform", "tenant", "channel");
        return new Issue(new IssueId(rows.getString("id")), new MessageRef(channel, rows.getString("root_message_id")),
                Refs.user(rows, "customer"), new PlaybookId(rows.getString("playbook_id")), IssueState.valueOf(rows.getString(
                "state")), Jdbc.getInstant(rows, "opened_at"), Jdbc.getInstant(rows, "last_activity_at"),
                Refs.findUser(rows, "agent"), List.of(), rows.getLong("version"));
    }

    private static IssueEvent readEvent(ResultSet rows) throws SQLException {
        return new IssueEvent(IssueEventType.valueOf(rows.getString("event_type")),
                Jdbc.getInstant(rows, "occurred_at"), Refs.findUser(rows, "actor"),
                Optional.ofNullable(rows.getString("message_id")), rows.getString("rule_name"),
                Optional.ofNullable(rows.getString("evidence")).map(Evidence::valueOf),
                Jdbc.findInstant(rows, "due_at"));
    }

    /**
     * Updates the stored issue if it is still at the version {@code issue} was read at and, when
     * {@code storedEvents >= 0}, still has that many events; returns the rows updated (0 or 1).
     */
    private static int updateIssue(Connection connection, Issue issue, int storedEvents) throws SQLException {
        String sql = """
                update issues set platform = ?, tenant = ?, channel = ?, root_message_id = ?,
                  customer_platform = ?, customer_tenant = ?, customer_id = ?, playbook_id = ?, state = ?,
                  opened_at = ?, last_activity_at = ?, agent_platform = ?, agent_tenant = ?, agent_id = ?,
                  event_count = ?, version = version + 1
                where id = ? and version = ?""" + (storedEvents >= 0 ? " and event_count = ?" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindIssue(statement, issue);
            statement.setString(16, issue.id().value());
            statement.setLong(17, issue.version());
            if (storedEvents >= 0) {
                statement.setInt(18, storedEvents);
            }
            return statement.executeUpdate();
        }
    }

    private static int insertIssue(Connection connection, Issue issue, boolean unlessPresent) throws SQLException {
        String sql = """
                insert into issues (platform, tenant, channel, root_message_id, customer_platform, customer_tenant,
                  customer_id, playbook_id, state, opened_at, last_activity_at, agent_platform, agent_tenant,
                  agent_id, event_count, id, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"""
                + (unlessPresent ? " on conflict do nothing" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindIssue(statement, issue);
            statement.setString(16, issue.id().value());
            return statement.executeUpdate();
        }
    }

    private static void bindIssue(PreparedStatement statement, Issue issue) throws SQLException {
        Refs.setChannel(statement, 1, issue.channel());
        statement.setString(4, issue.root().id());
        Refs.setUser(statement, 5, Optional.of(issue.customer()));
        statement.setString(8, issue.playbookId().value());
        statement.setString(9, issue.state().name());
        Jdbc.setInstant(statement, 10, issue.openedAt());
        Jdbc.setInstant(statement, 11, issue.lastActivityAt());
        Refs.setUser(statement, 12, issue.agent());
        statement.setInt(15, issue.history().size());
    }

    /** Inserts {@code issue}'s events from index {@code from} on (their {@code seq} is their index). */
    private static void insertEvents(Connection connection, Issue issue, int from) throws SQLException {
        if (issue.history().size() <= from) {
            return;
        }
        String sql = """
                insert into issue_events (issue_id, seq, event_type, occurred_at, actor_platform, actor_tenant,
                  actor_id, message_id, rule_name, evidence, due_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            List<IssueEvent> history = issue.history();
            for (int seq = from; seq < history.size(); seq++) {
                IssueEvent event = history.get(seq);
                statement.setString(1, issue.id().value());
                statement.setInt(2, seq);
                statement.setString(3, event.type().name());
                Jdbc.setInstant(statement, 4, event.at());
                Refs.setUser(statement, 5, event.actor());
                statement.setString(8, event.messageId().orElse(null));
                statement.setString(9, event.rule());
                statement.setString(10, event.evidence().map(Enum::name).orElse(null));
                Jdbc.setInstant(statement, 11, event.due().orElse(null));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void delete(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    /** An issue's head row and its history while the rows are read. */
    private static final class IssueRows {
        private Issue head;
        private final List<IssueEvent> history = new ArrayList<>();

        Issue toIssue() {
            return new Issue(head.id(), head.root(), head.customer(), head.playbookId(),
                    head.state(), head.openedAt(), head.lastActivityAt(), head.agent(), history, head.version());
        }
    }
}
