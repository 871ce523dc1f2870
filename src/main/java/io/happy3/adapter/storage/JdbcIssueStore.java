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
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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

    /** Issues whose histories one query reads (bound parameters: well below every driver's limit). */
    private static final int HISTORY_CHUNK = 1000;
    /** Issues remembered with their stored history: a save follows its read within milliseconds, so few suffice. */
    private static final int REMEMBERED_ISSUES = 1_024;
    /** Ids bound in one {@link #findAll} query: well under every driver's limit on parameters. */
    private static final int IDS_PER_QUERY = 500;

    private final Jdbc jdbc;
    /** PostgreSQL appends an issue's new events in the statement that updates the issue ({@link #appendOnPostgres}). */
    private final boolean postgres;
    /**
     * What this store last read of an issue: its version and history (every save follows a read of the value it
     * changes). Only a hint for a save, which the update verifies (version and {@code event_count}).
     */
    private final Cache<IssueId, StoredHistory> stored = Caffeine.newBuilder().maximumSize(REMEMBERED_ISSUES).build();

    public JdbcIssueStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
        this.postgres = database.dialect() == Dialect.POSTGRESQL;
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

    /** One query per {@link #IDS_PER_QUERY} ids, each issue with its history. */
    @Override
    public Map<IssueId, Issue> findAll(Collection<IssueId> ids) {
        requireNonNull(ids, "ids == null");
        List<IssueId> distinct = List.copyOf(new LinkedHashSet<>(ids));
        Map<IssueId, Issue> found = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
            List<IssueId> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
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
        if (known >= 0 && postgres && issue.history().size() > known) {
            if (appendOnPostgres(connection, issue, known, touchedFrom(issue, known))) {
                return null;
            }
        } else if (known >= 0 && updateIssue(connection, issue, known, touchedFrom(issue, known)) == 1) {
            insertEvents(connection, issue, known);
            return null;
        }
        if (updateIssue(connection, issue, -1, Optional.of(issue.openedAt())) == 0) {
            throw new IssueChangedConcurrentlyException(issue.id(), issue.version());
        }
        delete(connection, "delete from issue_events where issue_id = ?", issue.id().value());
        insertEvents(connection, issue, 0);
        return null;
    }

    /**
     * The earliest instant whose review tallies a save of {@code issue} over its first {@code stored} stored events
     * can change (see {@link JdbcReviewTallyStore}): the earliest added event, or the opening when the save turns
     * the issue into one the review leaves out (its root deleted before any reply) or back. Empty when nothing the
     * review reads changed.
     */
    static Optional<Instant> touchedFrom(Issue issue, int stored) {
        List<IssueEvent> history = issue.history();
        Optional<Instant> earliest = history.subList(stored, history.size()).stream().map(IssueEvent::at)
                .min(Instant::compareTo);
        if (earliest.isPresent() && excluded(history.subList(0, stored)) != excluded(history)) {
            return Optional.of(issue.openedAt());
        }
        return earliest;
    }

    private static boolean excluded(List<IssueEvent> history) {
        return history.stream().anyMatch(event -> event.type() == IssueEventType.ROOT_DELETED)
                && history.stream().noneMatch(event -> event.type() == IssueEventType.AGENT_REPLIED);
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
        return selectMany("finding issues of " + tenant + " active in [" + from + ", " + to + ")",
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
    public List<Issue> findActiveBetween(ChannelRef channel, Instant from, Instant to) {
        requireNonNull(channel, "channel == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        return selectMany("finding issues of " + channel.key() + " active in [" + from + ", " + to + ")",
                "where i.platform = ? and i.tenant = ? and i.channel = ? and i.opened_at < ? and i.last_activity_at >= ?",
                statement -> {
                    Refs.setChannel(statement, 1, channel);
                    Jdbc.setInstant(statement, 4, to);
                    Jdbc.setInstant(statement, 5, from);
                });
    }

    /** One grouped query. */
    @Override
    public Map<Optional<UserRef>, Integer> countActiveBetweenByAgent(String tenant, Optional<ChannelRef> channel,
                                                                    Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(channel, "channel == null");
        String where = channel.isPresent()
                ? "where platform = ? and tenant = ? and channel = ? and opened_at < ? and last_activity_at >= ?"
                : "where tenant = ? and opened_at < ? and last_activity_at >= ?";
        Map<Optional<UserRef>, Integer> counts = new LinkedHashMap<>();
        jdbc.query("counting the issues of " + channel.map(ChannelRef::key).orElse(tenant) + " active in [" + from
                + ", " + to + ") by agent", "select agent_platform, agent_tenant, agent_id, count(*) as issues from issues "
                + where + " group by agent_platform, agent_tenant, agent_id",
                statement -> bindActiveBetween(statement, tenant, channel, from, to),
                rows -> counts.merge(Refs.findUser(rows, "agent"), rows.getInt("issues"), Integer::sum));
        return counts;
    }

    /**
     * Binds the {@code where} of the issues of a tenant or channel opened before {@code to}, active since
     * {@code from}.
     */
    private static void bindActiveBetween(PreparedStatement statement, String tenant, Optional<ChannelRef> channel,
                                          Instant from, Instant to) throws SQLException {
        int next = 1;
        if (channel.isPresent()) {
            Refs.setChannel(statement, 1, channel.get());
            next = 4;
        } else {
            statement.setString(next++, tenant);
        }
        Jdbc.setInstant(statement, next++, requireNonNull(to, "to == null"));
        Jdbc.setInstant(statement, next, requireNonNull(from, "from == null"));
    }

    /** The heads only: one query, no history read. */
    @Override
    public List<Issue> findHeadsActiveBetween(String tenant, Optional<ChannelRef> channel, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(channel, "channel == null");
        String where = channel.isPresent()
                ? "where i.platform = ? and i.tenant = ? and i.channel = ? and i.opened_at < ? and i.last_activity_at >= ?"
                : "where i.tenant = ? and i.opened_at < ? and i.last_activity_at >= ?";
        return jdbc.query("finding the heads of issues of " + channel.map(ChannelRef::key).orElse(tenant)
                + " active in [" + from + ", " + to + ")", "select i.* from issues i " + where
                + " order by i.opened_at, i.id", statement -> bindActiveBetween(statement, tenant, channel, from, to),
                JdbcIssueStore::readIssue);
    }

    @Override
    public List<Issue> findActive() {
        return selectMany("finding active issues", "where i.state in " + ACTIVE_STATES, statement -> { }, true);
    }

    @Override
    public List<Issue> findActiveQuietSince(Instant quietSince) {
        requireNonNull(quietSince, "quietSince == null");
        return selectMany("finding active issues quiet since " + quietSince, "where i.state in " + ACTIVE_STATES
                + " and i.last_activity_at <= ?", statement -> Jdbc.setInstant(statement, 1, quietSince), true);
    }

    @Override
    public List<Issue> findActiveOfAgent(UserRef agent) {
        requireNonNull(agent, "agent == null");
        return selectMany("finding the active issues of " + agent.key(), "where i.agent_id = ? and i.agent_tenant = ? "
                + "and i.agent_platform = ? and i.state in " + ACTIVE_STATES, statement -> {
                    statement.setString(1, agent.user());
                    statement.setString(2, agent.tenant());
                    statement.setString(3, agent.platform().name());
                }, true);
    }

    private List<Issue> select(String context, String where, Jdbc.Binder binder) {
        String sql = SELECT + where + " order by i.opened_at, i.id, e.seq";
        return jdbc.withConnection(context, connection -> {
            Map<String, IssueRows> issues = new LinkedHashMap<>();
            Map<Object, Object> shared = new HashMap<>();
            Jdbc.query(connection, sql, binder, rows -> {
                IssueRows issue = issues.computeIfAbsent(rows.getString("id"), id -> new IssueRows());
                if (issue.head == null) {
                    issue.head = readIssue(rows);
                }
                if (rows.getString("event_type") != null) {
                    issue.add(readEvent(rows, shared));
                }
                return null;
            });
            List<Issue> found = issues.values().stream().map(IssueRows::toIssue).toList();
            found.forEach(issue -> stored.put(issue.id(),
                    new StoredHistory(issue.version(), issue.history())));
            return found;
        });
    }

    /**
     * Many issues: their heads in one query, then their histories by id, {@value #HISTORY_CHUNK} issues a query.
     * One join would do, but over a year of events PostgreSQL then hashes the whole {@code issue_events} table
     * and sorts the wide joined rows on disk (bench/: 0.8 s at 100,000 issues for two weeks' 4,000). The
     * histories are read just after the heads, so an issue saved in between shows its newer history under its
     * older head: harmless for the reports that read many issues, and a save of such a value fails its
     * version check.
     */
    private List<Issue> selectMany(String context, String where, Jdbc.Binder binder) {
        return selectMany(context, where, binder, false);
    }

    /**
     * {@code remember}: the issues go into the saves' hint ({@link StoredHistory}) as a {@link #select} does, for
     * the reads whose issues are then changed (the stale sweep, an agent's App Home); a report's tens of thousands
     * would only push the hot ones out.
     */
    private List<Issue> selectMany(String context, String where, Jdbc.Binder binder, boolean remember) {
        return jdbc.withConnection(context, connection -> {
            Map<String, IssueRows> issues = new LinkedHashMap<>();
            Jdbc.query(connection, "select i.* from issues i " + where + " order by i.opened_at, i.id", binder, rows -> {
                IssueRows issue = new IssueRows();
                issue.head = readIssue(rows);
                issues.put(issue.head.id().value(), issue);
                return null;
            });
            List<String> ids = new ArrayList<>(issues.keySet());
            for (int from = 0; from < ids.size(); from += HISTORY_CHUNK) {
                readHistories(connection, ids.subList(from, Math.min(ids.size(), from + HISTORY_CHUNK)), issues);
            }
            List<Issue> found = issues.values().stream().map(IssueRows::toIssue).toList();
            if (remember) {
                found.forEach(issue -> stored.put(issue.id(), new StoredHistory(issue.version(), issue.history())));
            }
            return found;
        });
    }

    private static void readHistories(Connection connection, List<String> ids, Map<String, IssueRows> issues)
            throws SQLException {
        String sql = "select issue_id, seq, event_type, occurred_at, actor_platform, actor_tenant, actor_id, message_id,"
                + " rule_name, evidence, due_at from issue_events where issue_id in ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        // A fortnight's histories repeat a few hundred actors and rule names: one shared value each, not one per
        // event (tens of MB of heap at 40,000 issues).
        Map<Object, Object> shared = new HashMap<>();
        Jdbc.query(connection, sql, statement -> {
            for (int index = 0; index < ids.size(); index++) {
                statement.setString(index + 1, ids.get(index));
            }
        }, rows -> {
            issues.get(rows.getString("issue_id")).add(rows.getInt("seq"), readEvent(rows, shared));
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T share(Map<Object, Object> shared, T value) {
        return (T) shared.computeIfAbsent(value, key -> key);
    }

    private static Issue readIssue(ResultSet rows) throws SQLException {
        ChannelRef channel = Refs.channel(rows, "platform", "tenant", "channel");
        return new Issue(new IssueId(rows.getString("id")), new MessageRef(channel, rows.getString("root_message_id")),
                Refs.user(rows, "customer"), new PlaybookId(rows.getString("playbook_id")), IssueState.valueOf(rows.getString(
                "state")), Jdbc.getInstant(rows, "opened_at"), Jdbc.getInstant(rows, "last_activity_at"),
                Refs.findUser(rows, "agent"), List.of(), rows.getLong("version"));
    }

    private static IssueEvent readEvent(ResultSet rows, Map<Object, Object> shared) throws SQLException {
        return new IssueEvent(IssueEventType.valueOf(rows.getString("event_type")),
                Jdbc.getInstant(rows, "occurred_at"), share(shared, Refs.findUser(rows, "actor")),
                Optional.ofNullable(rows.getString("message_id")), share(shared, rows.getString("rule_name")),
                Optional.ofNullable(rows.getString("evidence")).map(Evidence::valueOf),
                Jdbc.findInstant(rows, "due_at"));
    }

    /**
     * Updates the stored issue if it is still at the version {@code issue} was read at and, when
     * {@code storedEvents >= 0}, still has that many events; returns the rows updated (0 or 1).
     */
    private static int updateIssue(Connection connection, Issue issue, int storedEvents, Optional<Instant> touched)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(updateSql(storedEvents, touched))) {
            bindUpdate(statement, issue, storedEvents, touched);
            return statement.executeUpdate();
        }
    }

    private static String updateSql(int storedEvents, Optional<Instant> touched) {
        return """
                update issues set platform = ?, tenant = ?, channel = ?, root_message_id = ?,
                  customer_platform = ?, customer_tenant = ?, customer_id = ?, playbook_id = ?, state = ?,
                  opened_at = ?, last_activity_at = ?, agent_platform = ?, agent_tenant = ?, agent_id = ?,
                  event_count = ?, version = version + 1"""
                + (touched.isPresent()
                        ? ", review_from = case when review_from is null or review_from > ? then ? else review_from end"
                        : "")
                + " where id = ? and version = ?" + (storedEvents >= 0 ? " and event_count = ?" : "");
    }

    /** Binds {@link #updateSql}'s parameters; returns the index of the next one. */
    private static int bindUpdate(PreparedStatement statement, Issue issue, int storedEvents, Optional<Instant> touched)
            throws SQLException {
        bindIssue(statement, issue);
        int next = 16;
        if (touched.isPresent()) {
            Jdbc.setInstant(statement, next++, touched.get());
            Jdbc.setInstant(statement, next++, touched.get());
        }
        statement.setString(next++, issue.id().value());
        statement.setLong(next++, issue.version());
        if (storedEvents >= 0) {
            statement.setInt(next++, storedEvents);
        }
        return next;
    }

    /**
     * {@link #updateIssue} and {@link #insertEvents} from {@code storedEvents} on in one statement, one round trip
     * instead of two: the events are inserted only for the issue row the update changed, so none is written when
     * the stored version or event count moved on (false: the caller then rewrites the history).
     */
    private static boolean appendOnPostgres(Connection connection, Issue issue, int storedEvents,
                                            Optional<Instant> touched) throws SQLException {
        List<IssueEvent> history = issue.history();
        int appended = history.size() - storedEvents;
        String row = "(cast(? as integer), cast(? as varchar), cast(? as timestamptz), cast(? as varchar), "
                + "cast(? as varchar), cast(? as varchar), cast(? as varchar), cast(? as varchar), cast(? as varchar), "
                + "cast(? as timestamptz))";
        String sql = "with updated as (" + updateSql(storedEvents, touched) + " returning id) "
                + "insert into issue_events (issue_id, seq, event_type, occurred_at, actor_platform, actor_tenant, "
                + "actor_id, message_id, rule_name, evidence, due_at) "
                + "select updated.id, e.* from updated cross join (values "
                + String.join(", ", Collections.nCopies(appended, row)) + ") as e";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = bindUpdate(statement, issue, storedEvents, touched);
            for (int seq = storedEvents; seq < history.size(); seq++) {
                IssueEvent event = history.get(seq);
                statement.setInt(next++, seq);
                statement.setString(next++, event.type().name());
                Jdbc.setInstant(statement, next++, event.at());
                Refs.setUser(statement, next, event.actor());
                next += 3;
                statement.setString(next++, event.messageId().orElse(null));
                statement.setString(next++, event.rule());
                statement.setString(next++, event.evidence().map(Enum::name).orElse(null));
                Jdbc.setInstant(statement, next++, event.due().orElse(null));
            }
            return statement.executeUpdate() == appended;
        }
    }

    private static int insertIssue(Connection connection, Issue issue, boolean unlessPresent) throws SQLException {
        String sql = """
                insert into issues (platform, tenant, channel, root_message_id, customer_platform, customer_tenant,
                  customer_id, playbook_id, state, opened_at, last_activity_at, agent_platform, agent_tenant,
                  agent_id, event_count, id, version, review_from)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"""
                + (unlessPresent ? " on conflict do nothing" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindIssue(statement, issue);
            statement.setString(16, issue.id().value());
            Jdbc.setInstant(statement, 17, touchedFrom(issue, 0).map(at -> at.isBefore(issue.openedAt()) ? at
                    : issue.openedAt()).orElse(issue.openedAt()));
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

    /** An issue's head row and its history while the rows are read (in {@code seq} order, or sorted by it). */
    private static final class IssueRows {
        private Issue head;
        private final List<IssueEvent> history = new ArrayList<>();
        private int[] seqs = new int[0];
        private boolean sorted = true;

        void add(IssueEvent event) {
            history.add(event);
        }

        void add(int seq, IssueEvent event) {
            if (seqs.length == history.size()) {
                seqs = Arrays.copyOf(seqs, Math.max(16, seqs.length * 2));
            }
            sorted &= history.isEmpty() || seqs[history.size() - 1] < seq;
            seqs[history.size()] = seq;
            history.add(event);
        }

        Issue toIssue() {
            List<IssueEvent> events = history;
            if (!sorted) {
                Integer[] order = new Integer[history.size()];
                Arrays.setAll(order, index -> index);
                Arrays.sort(order, Comparator.comparingInt(index -> seqs[index]));
                events = Arrays.stream(order).map(history::get).toList();
            }
            return new Issue(head.id(), head.root(), head.customer(), head.playbookId(),
                    head.state(), head.openedAt(), head.lastActivityAt(), head.agent(), events, head.version());
        }
    }
}
