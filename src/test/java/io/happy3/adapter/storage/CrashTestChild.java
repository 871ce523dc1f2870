package io.happy3.adapter.storage;

import io.happy3.adapter.scheduler.GuardedTicker;
import io.happy3.adapter.scheduler.InboxWorker;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The server the crash test kills with SIGKILL: it appends inbox entries and schedules due nudges (as the
 * HTTP edge and the planner would), printing {@code ACKED <id>} once each append returned, while an
 * {@link InboxWorker} and a nudge claim loop process them and record every processing in a table.
 *
 * <p>Exactly-once here means every effect happens once although work may be handed over again after a
 * crash (at-least-once delivery plus an idempotent handler). The handlers check their marker row and write
 * it in one transaction, because the store ports hide their connections, so the marker cannot share the
 * transaction that marks the entry done; real handlers are idempotent the same way (issue saves and nudge
 * schedules are keyed). A repeat is logged in {@code redelivered}; two handlers running at once for one
 * item, which the leases must prevent, end in {@code duplicates} through the marker's primary key.
 */
final class CrashTestChild {
    static final List<String> TABLES_DDL = List.of(
            "create table processed (item varchar(256) primary key, handled_by varchar(64) not null)",
            "create table delivered (item varchar(256) primary key, handled_by varchar(64) not null)",
            "create table redelivered (item varchar(256) not null, kind varchar(16) not null)",
            "create table duplicates (item varchar(256) not null, kind varchar(16) not null)");
    private static final Duration LEASE = Duration.ofSeconds(2);

    private CrashTestChild() {
    }

    /** Arguments: JDBC URL, number of events (and nudges), owner name. */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        String owner = args[2];
        boolean firstRun = owner.equals("first");
        Clock clock = Clock.systemUTC();
        Database database = Database.open(url, "", "", 4);
        JdbcInboxStore inbox = new JdbcInboxStore(database, clock);
        JdbcNudgeStore nudges = new JdbcNudgeStore(database);
        DataSource dataSource = database.dataSource();
        InboxHandler handler = new InboxHandler() {
            @Override
            public Platform platform() {
                return Platform.SLACK;
            }

            @Override
            public void handle(InboxEntry entry) {
                recordOnce(dataSource, "processed", entry.eventId(), owner);
            }
        };
        InboxWorker worker = new InboxWorker(inbox, List.of(handler), clock, owner,
                new InboxWorker.Settings(2, 10, LEASE, Duration.ofMillis(100), Duration.ofSeconds(1), 10));
        GuardedTicker ticker = new GuardedTicker("crash-child-ticker", Duration.ofMillis(20));
        ticker.register("inbox", worker::poll);
        ticker.register("nudges", () -> {
            for (Nudge nudge : nudges.claimDue(owner, 20, clock.instant(), LEASE)) {
                recordOnce(dataSource, "delivered", nudge.id().value(), owner);
                nudges.update(nudge.sent(clock.instant(), false));
            }
        });
        ticker.start();

        for (int i = 0; i < count; i++) {
            Instant now = clock.instant();
            boolean fresh = inbox.append(InboxEntry.received(Platform.SLACK, "Ev" + i, "T1", "issue-" + (i % 25),
                    "event_callback", "{\"n\":" + i + "}", now));
            NudgeKey key = new NudgeKey(IssueId.of(new MessageRef(Fixtures.CHANNEL, "m" + i)), new StepId("step"), 0, 0, Fixtures.AGENT);
            nudges.schedule(Nudge.planned(key, Fixtures.CHANNEL, PlaybookId.DEFAULT, now, now, now.plus(Duration.ofDays(1)),
                    now));
            System.out.println("ACKED Ev" + i + (fresh ? "" : " (redelivered by the platform)"));
            System.out.flush();
            if (firstRun) {
                Thread.sleep(2); // spread the first run's work so the kill lands mid-flight
            }
        }
        while (inbox.backlog() > 0 || pendingNudges(dataSource) > 0) {
            Thread.sleep(50);
        }
        ticker.close();
        worker.drain(Duration.ofSeconds(5));
        database.close();
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }

    private static void recordOnce(DataSource dataSource, String table, String item, String owner) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (exists(connection, table, item)) {
                insert(connection, "insert into redelivered (item, kind) values (?, ?)", item, table);
            } else {
                try {
                    insert(connection, "insert into " + table + " (item, handled_by) values (?, ?)", item, owner);
                } catch (SQLException e) {
                    if (!SqlErrors.uniqueViolation(e)) {
                        throw e;
                    }
                    connection.rollback();
                    insert(connection, "insert into duplicates (item, kind) values (?, ?)", item, table);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + item + " in " + table + " failed", e);
        }
    }

    private static boolean exists(Connection connection, String table, String item) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select 1 from " + table + " where item = ?")) {
            statement.setString(1, item);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void insert(Connection connection, String sql, String first, String second) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, first);
            statement.setString(2, second);
            statement.executeUpdate();
        }
    }

    private static long pendingNudges(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from nudges where status = 'PENDING'");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
