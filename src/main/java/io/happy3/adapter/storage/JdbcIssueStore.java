package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Issues and their event history in the {@code issues} and {@code issue_events} tables. Stores ids,
 * times, rules and evidence, never message text. A save is an optimistic write: it applies only while the
 * stored {@code version} is the one the issue was read at, so a concurrent writer's history is never lost.
 * Thread-safe.
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

    /** Ids bound in one {@link #findAll} query: well under every driver's limit on parameters. */
    private static final int IDS_PER_QUERY = 500;

    private final Jdbc jdbc;

    public JdbcIssueStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public Optional<Issue> find(IssueId id) {
        requireNonNull(id, "id == null");
        List<Issue> issues = select("finding issue " + id, "where i.id = ?", statement -> statement.setString(1,
                id.value()));
        return issues.stream().findFirst();
    }

    /** One query per {@link #IDS_PER_QUERY} ids, each issue with its history. */
    @Override
    public Map<IssueId, Issue> findAll(Collection<IssueId> ids) {
        requireNonNull(ids, "ids == null");
        List<IssueId> distinct = List.copyOf(new LinkedHashSet<>(ids));
        Map<IssueId, Issue> found = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
            List<IssueId> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            select("finding " + chunk.size() + " issues", "where i.id in (" + marks + ")", statement -> {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i).value());
                }
            }).forEach(issue -> found.put(issue.id(), issue));
        }
        return found;
    }

    @Override
    public void save(Issue issue) {
        requireNonNull(issue, "issue == null");
        try {
            jdbc.inTransaction("saving issue " + issue.id(), connection -> {
                if (issue.version() == 0) {
                    insertIssue(connection, issue);
                } else if (updateIssue(connection, issue) == 0) {
                    throw new IssueChangedConcurrentlyException(issue.id(), issue.version());
                }
                delete(connection, "delete from issue_events where issue_id = ?", issue.id().value());
                insertEvents(connection, issue);
                return null;
            });
        } catch (StorageException e) {
            if (issue.version() == 0 && e.getCause() instanceof SQLException sql && SqlErrors.uniqueViolation(sql)) {
                // another writer inserted the same new issue first: this value is based on nothing stored
                throw new IssueChangedConcurrentlyException(issue.id(), 0);
            }
            throw e;
        }
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
    public List<Issue> findActiveBetween(String tenant, Instant from, Instant to, UserRef agent) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(agent, "agent == null");
        return select("finding issues of " + agent.key() + " active in [" + from + ", " + to + ")",
                "where i.tenant = ? and i.opened_at < ? and i.last_activity_at >= ? and i.agent_platform = ? "
                        + "and i.agent_tenant = ? and i.agent_id = ?", statement -> {
                    statement.setString(1, tenant);
                    Jdbc.setInstant(statement, 2, requireNonNull(to, "to == null"));
                    Jdbc.setInstant(statement, 3, requireNonNull(from, "from == null"));
                    Refs.setUser(statement, 4, Optional.of(agent));
                });
    }

    /** One grouped query per 300 customers (no index by customer across channels yet: it scans the tenant's rows). */
    @Override
    public Map<UserRef, Instant> findLatestActivity(String tenant, Collection<UserRef> customers, Instant before) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(before, "before == null");
        List<UserRef> distinct = List.copyOf(new LinkedHashSet<>(requireNonNull(customers, "customers == null")));
        Map<UserRef, Instant> latest = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += 300) {
            List<UserRef> chunk = distinct.subList(from, Math.min(distinct.size(), from + 300));
            String sql = "select customer_platform, customer_tenant, customer_id, max(last_activity_at) as latest "
                    + "from issues where tenant = ? and opened_at < ? and (customer_platform, customer_tenant, "
                    + "customer_id) in (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?)"))
                    + ") group by customer_platform, customer_tenant, customer_id";
            jdbc.query("finding the latest activity of " + chunk.size() + " customers", sql, statement -> {
                statement.setString(1, tenant);
                Jdbc.setInstant(statement, 2, before);
                for (int i = 0; i < chunk.size(); i++) {
                    Refs.setUser(statement, 3 * i + 3, Optional.of(chunk.get(i)));
                }
            }, rows -> latest.put(Refs.user(rows, "customer"), Jdbc.getInstant(rows, "latest")));
        }
        return latest;
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
            return issues.values().stream().map(IssueRows::toIssue).toList();
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

    private static int updateIssue(Connection connection, Issue issue) throws SQLException {
        String sql = """
                update issues set platform = ?, tenant = ?, channel = ?, root_message_id = ?,
                  customer_platform = ?, customer_tenant = ?, customer_id = ?, playbook_id = ?, state = ?,
                  opened_at = ?, last_activity_at = ?, agent_platform = ?, agent_tenant = ?, agent_id = ?,
                  version = version + 1
                where id = ? and version = ?
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindIssue(statement, issue);
            statement.setString(15, issue.id().value());
            statement.setLong(16, issue.version());
            return statement.executeUpdate();
        }
    }

    private static void insertIssue(Connection connection, Issue issue) throws SQLException {
        String sql = """
                insert into issues (platform, tenant, channel, root_message_id, customer_platform, customer_tenant,
                  customer_id, playbook_id, state, opened_at, last_activity_at, agent_platform, agent_tenant,
                  agent_id, id, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindIssue(statement, issue);
            statement.setString(15, issue.id().value());
            statement.executeUpdate();
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
    }

    private static void insertEvents(Connection connection, Issue issue) throws SQLException {
        if (issue.history().isEmpty()) {
            return;
        }
        String sql = """
                insert into issue_events (issue_id, seq, event_type, occurred_at, actor_platform, actor_tenant,
                  actor_id, message_id, rule_name, evidence, due_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int seq = 0;
            for (IssueEvent event : issue.history()) {
                statement.setString(1, issue.id().value());
                statement.setInt(2, seq++);
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
