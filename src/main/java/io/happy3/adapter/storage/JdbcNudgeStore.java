package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeDelivery;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeInbox;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.nudge.NudgePlan;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.PlaybookId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Nudges in the {@code nudges} table, unique on their idempotency key. {@link #claimDue} leases due rows
 * to one owner: on PostgreSQL with {@code FOR UPDATE SKIP LOCKED}, so replicas never claim the same row;
 * on embedded H2 under a per-database lock plus a conditional update. Thread-safe.
 */
public final class JdbcNudgeStore implements NudgeStore {
    private static final String COLUMNS = """
            id, idempotency_key, issue_id, platform, tenant, channel, playbook_id, step_id, recipient_platform,
            recipient_tenant, recipient_id, triggered_at, due_at, expires_at, repeat_count, status, attempts, late,
            sent_at, chosen_action, failure, snoozes, created_at""";
    private static final String CLAIMABLE = """
            status = 'PENDING' and due_at <= ? and (lease_until is null or lease_until <= ?)""";

    private final Database database;
    private final Jdbc jdbc;
    private final String claimable;
    private final ClaimScope scope;

    public JdbcNudgeStore(Database database) {
        this(database, ClaimScope.all());
    }

    /** A store whose {@link #claimDue} and {@link #nextDue} see only the nudges in {@code scope}. */
    public JdbcNudgeStore(Database database, ClaimScope scope) {
        this.database = requireNonNull(database, "database == null");
        this.jdbc = database.jdbc();
        this.scope = requireNonNull(scope, "scope == null");
        this.claimable = "(" + CLAIMABLE.strip() + ")" + scope.condition();
    }

    private static final String INSERT = "insert into nudges (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public boolean schedule(Nudge nudge) {
        requireNonNull(nudge, "nudge == null");
        return jdbc.insertUnlessPresent("scheduling nudge " + nudge.key(), INSERT, statement -> bindNew(statement,
                nudge));
    }

    /** One JDBC batch of inserts that skip a key already stored: one round trip for the nudges of one event. */
    @Override
    public List<Nudge> scheduleAll(List<Nudge> nudges) {
        requireNonNull(nudges, "nudges == null");
        if (nudges.size() < 2) {
            return nudges.stream().filter(this::schedule).toList();
        }
        int[] counts = jdbc.withConnection("scheduling " + nudges.size() + " nudges", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT + " on conflict do nothing")) {
                for (Nudge nudge : nudges) {
                    bindNew(statement, nudge);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
        List<Nudge> stored = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                stored.add(nudges.get(i));
            }
        }
        return stored;
    }

    private static void bindNew(PreparedStatement statement, Nudge nudge) throws SQLException {
        statement.setString(1, nudge.id().value());
        statement.setString(2, nudge.key().value());
        bindState(statement, 3, nudge);
    }

    @Override
    public List<Nudge> claimDue(String owner, int limit, Instant now, Duration lease) {
        return database.claim("claiming due nudges for " + owner, new Database.Lease(owner, limit, now, lease),
                (connection, claim) -> claimOnPostgres(connection, claimable, claim),
                (connection, claim) -> claimOnH2(connection, claimable, claim));
    }

    /** One statement: lock free due rows, skipping rows another replica is claiming, and lease them. */
    private static List<Nudge> claimOnPostgres(Connection connection, String claimable, Database.Lease lease)
            throws SQLException {
        String sql = "update nudges set lease_owner = ?, lease_until = ? where id in (select id from nudges where "
                + claimable + " order by due_at, id limit ? for update skip locked) returning " + COLUMNS;
        List<Nudge> claimed = Jdbc.query(connection, sql, lease::bindPostgres, JdbcNudgeStore::read);
        return sortedByDue(claimed);
    }

    /**
     * H2 has no SKIP LOCKED; an embedded database belongs to one process, whose claims the caller
     * serialises. The conditional update still refuses a row whose lease another owner holds.
     */
    private static List<Nudge> claimOnH2(Connection connection, String claimable, Database.Lease lease)
            throws SQLException {
        List<Nudge> candidates = Jdbc.query(connection, "select " + COLUMNS + " from nudges where " + claimable
                + " order by due_at, id limit ?", statement -> {
                    Jdbc.setInstant(statement, 1, lease.now());
                    Jdbc.setInstant(statement, 2, lease.now());
                    statement.setInt(3, lease.limit());
                }, JdbcNudgeStore::read);
        List<Nudge> claimed = new ArrayList<>();
        String sql = "update nudges set lease_owner = ?, lease_until = ? where id = ? and " + claimable;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Nudge candidate : candidates) {
                statement.setString(1, lease.owner());
                Jdbc.setInstant(statement, 2, lease.until());
                statement.setString(3, candidate.id().value());
                Jdbc.setInstant(statement, 4, lease.now());
                Jdbc.setInstant(statement, 5, lease.now());
                if (statement.executeUpdate() == 1) {
                    claimed.add(candidate);
                }
            }
        }
        return claimed;
    }

    private static List<Nudge> sortedByDue(List<Nudge> nudges) {
        List<Nudge> sorted = new ArrayList<>(nudges);
        sorted.sort((a, b) -> a.dueAt().equals(b.dueAt()) ? a.id().value().compareTo(b.id().value())
                : a.dueAt().compareTo(b.dueAt()));
        return sorted;
    }

    private static final String UPDATE = """
            update nudges set issue_id = ?, platform = ?, tenant = ?, channel = ?, playbook_id = ?, step_id = ?,
              recipient_platform = ?, recipient_tenant = ?, recipient_id = ?, triggered_at = ?, due_at = ?,
              expires_at = ?, repeat_count = ?, status = ?, attempts = ?, late = ?, sent_at = ?,
              chosen_action = ?, failure = ?, snoozes = ?, created_at = ?, lease_owner = null, lease_until = null
            where id = ?""";

    @Override
    public void update(Nudge nudge) {
        requireNonNull(nudge, "nudge == null");
        int updated = jdbc.update("updating nudge " + nudge.id(), UPDATE, statement -> {
            bindState(statement, 1, nudge);
            statement.setString(22, nudge.id().value());
        });
        if (updated == 0) {
            throw new StorageException("updating nudge " + nudge.id() + " failed: no such nudge", null);
        }
    }

    /** One JDBC batch of updates in one transaction (the inbox unit of work's, when one runs): one round trip. */
    @Override
    public void updateAll(List<Nudge> nudges) {
        requireNonNull(nudges, "nudges == null");
        if (nudges.size() < 2) {
            nudges.forEach(this::update);
            return;
        }
        int[] counts = jdbc.atomically("updating " + nudges.size() + " nudges", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
                for (Nudge nudge : nudges) {
                    bindState(statement, 1, nudge);
                    statement.setString(22, nudge.id().value());
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new StorageException("updating nudge " + nudges.get(i).id() + " failed: no such nudge", null);
            }
        }
    }

    @Override
    public boolean updateClaimed(Nudge nudge, String owner) {
        requireNonNull(nudge, "nudge == null");
        requireNonNull(owner, "owner == null");
        return jdbc.update("updating nudge " + nudge.id() + " claimed by " + owner, UPDATE + " and lease_owner = ?",
                statement -> {
                    bindState(statement, 1, nudge);
                    statement.setString(22, nudge.id().value());
                    statement.setString(23, owner);
                }) == 1;
    }

    /** One transaction of batched, fenced updates: the scheduler's SENT marks of a delivery share one commit. */
    @Override
    public List<NudgeId> updateClaimed(List<Nudge> nudges, String owner) {
        requireNonNull(nudges, "nudges == null");
        requireNonNull(owner, "owner == null");
        if (nudges.size() < 2) {
            return nudges.stream().filter(nudge -> updateClaimed(nudge, owner)).map(Nudge::id).toList();
        }
        return jdbc.inTransaction("updating " + nudges.size() + " nudges claimed by " + owner, connection -> {
            int[] counts;
            try (PreparedStatement statement = connection.prepareStatement(UPDATE + " and lease_owner = ?")) {
                for (Nudge nudge : nudges) {
                    bindState(statement, 1, nudge);
                    statement.setString(22, nudge.id().value());
                    statement.setString(23, owner);
                    statement.addBatch();
                }
                counts = statement.executeBatch();
            }
            List<NudgeId> written = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    written.add(nudges.get(i).id());
                }
            }
            return written;
        });
    }

    @Override
    public List<NudgeId> renew(String owner, List<NudgeId> ids, Instant until) {
        requireNonNull(owner, "owner == null");
        requireNonNull(ids, "ids == null");
        requireNonNull(until, "until == null");
        if (ids.isEmpty()) {
            return List.of();
        }
        String sql = "update nudges set lease_until = ? where id = ? and lease_owner = ? and status = 'PENDING'";
        // One auto-committed statement per lease, never a batch: on PostgreSQL a batch is one transaction that keeps
        // every renewed row locked until its end, and a delivery's fenced SENT marks (a batch of their own, in
        // another order) then deadlock with it, roll back after the post and send again (BENCHMARKS.md, session 5).
        return jdbc.withConnection("renewing " + ids.size() + " nudge leases of " + owner, connection -> {
            List<NudgeId> held = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (NudgeId id : ids) {
                    Jdbc.setInstant(statement, 1, until);
                    statement.setString(2, id.value());
                    statement.setString(3, owner);
                    if (statement.executeUpdate() == 1) {
                        held.add(id);
                    }
                }
            }
            return held;
        });
    }

    @Override
    public Optional<Nudge> find(NudgeId id) {
        requireNonNull(id, "id == null");
        return jdbc.queryOne("finding nudge " + id, "select " + COLUMNS + " from nudges where id = ?",
                statement -> statement.setString(1, id.value()), JdbcNudgeStore::read);
    }

    @Override
    public Optional<Instant> nextDue() {
        return jdbc.queryOne("finding the next due nudge",
                "select min(due_at) as next_due from nudges where status = 'PENDING'" + scope.condition(),
                statement -> {
                }, rows -> Optional.ofNullable(Jdbc.getInstant(rows, "next_due"))).flatMap(due -> due);
    }

    /** Pending nudges due at {@code now} or before, not yet delivered: the {@code happy3_nudges_due} gauge. */
    public long countDue(Instant now) {
        requireNonNull(now, "now == null");
        return jdbc.queryOne("counting due nudges",
                "select count(*) as due from nudges where status = 'PENDING' and due_at <= ?",
                statement -> Jdbc.setInstant(statement, 1, now), rows -> rows.getLong("due")).orElse(0L);
    }

    @Override
    public List<Nudge> findByIssue(IssueId issueId) {
        requireNonNull(issueId, "issueId == null");
        return jdbc.query("finding nudges of issue " + issueId, "select " + COLUMNS
                        + " from nudges where issue_id = ? order by due_at, id",
                statement -> statement.setString(1, issueId.value()), JdbcNudgeStore::read);
    }

    @Override
    public List<Nudge> findInbox(UserRef recipient) {
        requireNonNull(recipient, "recipient == null");
        String sql = "select " + COLUMNS + " from nudges where recipient_id = ? and recipient_tenant = ? "
                + "and recipient_platform = ? and status in ('PENDING', 'WAITING_FOR_CUSTOMER', 'SENT') "
                + "order by due_at, id";
        return jdbc.query("finding the nudge inbox of " + recipient.key(), sql, statement -> {
            statement.setString(1, recipient.user());
            statement.setString(2, recipient.tenant());
            statement.setString(3, recipient.platform().name());
        }, JdbcNudgeStore::read);
    }

    /** A count per status and two limited reads on the recipient index, on one connection. */
    @Override
    public NudgeInbox findInbox(UserRef recipient, int limit) {
        requireNonNull(recipient, "recipient == null");
        String mine = " from nudges where recipient_id = ? and recipient_tenant = ? and recipient_platform = ? ";
        Jdbc.Binder who = statement -> {
            statement.setString(1, recipient.user());
            statement.setString(2, recipient.tenant());
            statement.setString(3, recipient.platform().name());
        };
        return jdbc.withConnection("finding the nudge inbox page of " + recipient.key(), connection -> {
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            Jdbc.query(connection, "select status, count(*) as n" + mine + "and status in ('PENDING', "
                    + "'WAITING_FOR_CUSTOMER', 'SENT') group by status", who,
                    rows -> counts.put(rows.getString("status"), rows.getInt("n")));
            Jdbc.Binder page = statement -> {
                who.bind(statement);
                statement.setInt(4, limit);
            };
            List<Nudge> waiting = Jdbc.query(connection, "select " + COLUMNS + mine + "and status = 'SENT' "
                    + "order by due_at, id limit ?", page, JdbcNudgeStore::read);
            List<Nudge> upcoming = Jdbc.query(connection, "select " + COLUMNS + mine + "and status in ('PENDING', "
                    + "'WAITING_FOR_CUSTOMER') order by due_at, id limit ?", page, JdbcNudgeStore::read);
            return new NudgeInbox(waiting, counts.getOrDefault("SENT", 0), upcoming,
                    counts.getOrDefault("PENDING", 0) + counts.getOrDefault("WAITING_FOR_CUSTOMER", 0));
        });
    }

    @Override
    public List<Nudge> findDueBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        String sql = "select " + COLUMNS + " from nudges where tenant = ? and due_at >= ? and due_at < ? "
                + "order by due_at, id";
        return jdbc.query("finding nudges of " + tenant + " due in [" + from + ", " + to + ")", sql, statement -> {
            statement.setString(1, tenant);
            Jdbc.setInstant(statement, 2, from);
            Jdbc.setInstant(statement, 3, to);
        }, JdbcNudgeStore::read);
    }

    @Override
    public int countSent(UserRef recipient, Instant from, Instant to) {
        requireNonNull(recipient, "recipient == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        String sql = "select count(*) from nudges where recipient_id = ? and recipient_tenant = ? "
                + "and recipient_platform = ? and sent_at >= ? and sent_at < ?";
        return jdbc.queryOne("counting nudges sent to " + recipient.key(), sql, statement -> {
            statement.setString(1, recipient.user());
            statement.setString(2, recipient.tenant());
            statement.setString(3, recipient.platform().name());
            Jdbc.setInstant(statement, 4, from);
            Jdbc.setInstant(statement, 5, to);
        }, rows -> rows.getInt(1)).orElse(0);
    }

    /** Binds every column after id and key, starting at {@code index} (21 parameters). */
    private static void bindState(PreparedStatement statement, int index, Nudge nudge) throws SQLException {
        statement.setString(index, nudge.issueId().value());
        Refs.setChannel(statement, index + 1, nudge.channel());
        statement.setString(index + 4, nudge.playbookId().value());
        statement.setString(index + 5, nudge.stepId().value());
        Refs.setUser(statement, index + 6, Optional.of(nudge.recipient()));
        Jdbc.setInstant(statement, index + 9, nudge.triggeredAt());
        Jdbc.setInstant(statement, index + 10, nudge.dueAt());
        Jdbc.setInstant(statement, index + 11, nudge.expiresAt());
        statement.setInt(index + 12, nudge.repeat());
        statement.setString(index + 13, nudge.status().name());
        statement.setInt(index + 14, nudge.attempts());
        statement.setBoolean(index + 15, nudge.late());
        Jdbc.setInstant(statement, index + 16, nudge.sentAt().orElse(null));
        statement.setString(index + 17, nudge.action().orElse(null));
        statement.setString(index + 18, Jdbc.truncate(nudge.failure().orElse(null), 2000));
        statement.setInt(index + 19, nudge.snoozes());
        Jdbc.setInstant(statement, index + 20, nudge.createdAt());
    }

    private static Nudge read(ResultSet rows) throws SQLException {
        NudgeKey key = NudgeKey.fromStored(rows.getString("idempotency_key"), Refs.user(rows, "recipient"));
        NudgePlan plan = new NudgePlan(new NudgeId(rows.getString("id")), key,
                Refs.channel(rows, "platform", "tenant", "channel"), new PlaybookId(rows.getString("playbook_id")),
                Jdbc.getInstant(rows, "triggered_at"), Jdbc.getInstant(rows, "created_at"));
        return new Nudge(plan, new NudgeDelivery(NudgeStatus.valueOf(rows.getString("status")),
                Jdbc.getInstant(rows, "due_at"), Jdbc.getInstant(rows, "expires_at"), rows.getInt("attempts"),
                rows.getBoolean("late"), Jdbc.findInstant(rows, "sent_at"),
                Optional.ofNullable(rows.getString("chosen_action")), Optional.ofNullable(rows.getString("failure")),
                rows.getInt("snoozes")));
    }
}
