package io.happy3.adapter.slack;

import static io.happy3.adapter.slack.SlackHarness.AGENT;
import static io.happy3.adapter.slack.SlackHarness.CHANNEL;
import static io.happy3.adapter.slack.SlackHarness.CUSTOMER;
import static io.happy3.adapter.slack.SlackHarness.TEAM;
import static io.happy3.adapter.slack.SlackHarness.message;
import static io.happy3.adapter.slack.SlackHarness.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.scheduler.InboxWorker;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcInboxStore;
import io.happy3.adapter.storage.JdbcIssueStore;
import io.happy3.adapter.storage.JdbcNudgeStore;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueState;
import io.happy3.testing.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The main Slack flow over a real database, as {@code serve} runs it: a signed request is written to the JDBC
 * inbox, the real {@link InboxWorker} hands it to the real Slack inbox handler, the issue is kept in the JDBC
 * issue store, and the nudge goes out to the fake Slack Web API. On H2 always, and on PostgreSQL when
 * {@code HAPPY3_TEST_POSTGRES_URL} is set (a fresh schema; an unreachable database fails the test).
 */
class SlackDatabaseEndToEndTest {
    private static final String POSTGRES_URL = System.getenv("HAPPY3_TEST_POSTGRES_URL");
    private static final ChannelRef SUPPORT = new ChannelRef(Platform.SLACK, TEAM, CHANNEL);

    static Stream<String> databases() {
        List<String> names = new ArrayList<>(List.of("h2"));
        if (POSTGRES_URL != null && !POSTGRES_URL.isBlank()) {
            names.add("postgresql");
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void customerAndFixClaim_throughTheJdbcInboxAndWorker_nudgeReachesSlack(String backend) throws Exception {
        String schema = "happy3_slack_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = backend.equals("h2") ? "jdbc:h2:mem:" + schema : createSchema(schema);
        try (Database database = Database.open(url, "", "")) {
            run(database);
        } finally {
            if (!backend.equals("h2")) {
                execute(POSTGRES_URL, "drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static void run(Database database) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        JdbcInboxStore inbox = new JdbcInboxStore(database, clock);
        try (SlackHarness slack = new SlackHarness(inbox, new JdbcIssueStore(database), new JdbcNudgeStore(database),
                SlackModule.MAX_BODY_BYTES);
             InboxWorker worker = new InboxWorker(inbox, List.of(slack.handler), slack.clock, "replica-1",
                     new InboxWorker.Settings(2, 10, Duration.ofMinutes(5), Duration.ofSeconds(1),
                             Duration.ofMinutes(1), 3))) {
            String root = ts(slack.clock.instant());
            assertThat(slack.post(message("EvDb001", CUSTOMER, root, null,
                    "Exports fail with error 500 since this morning")).statusCode()).isEqualTo(200);
            slack.clock.advance(Duration.ofMinutes(12));
            assertThat(slack.post(message("EvDb002", AGENT, ts(slack.clock.instant()), root,
                    "I've deployed a fix, it should work now.")).statusCode()).isEqualTo(200);
            assertThat(slack.post(message("EvDb002", AGENT, ts(slack.clock.instant()), root,
                    "I've deployed a fix, it should work now.")).statusCode()).as("a redelivery").isEqualTo(200);
            assertThat(inbox.backlog()).isEqualTo(2);

            runWorkerUntilEmpty(worker, inbox);

            Issue issue = slack.issues.find(IssueId.of(new MessageRef(SUPPORT, root))).orElseThrow();
            assertThat(issue.state()).isEqualTo(IssueState.RESOLUTION_PROPOSED);
            assertThat(issue.agent().map(agent -> agent.user())).contains(AGENT);
            assertThat(countRows(database, "select count(*) from inbox where status = 'DONE' and payload is null"))
                    .as("processed entries keep no message text").isEqualTo(2);

            slack.clock.advance(Duration.ofHours(2).plusMinutes(1));
            assertThat(slack.engine.delivery().tick()).isEqualTo(1);

            FakeSlackApi.Call ephemeral = slack.fake.calls("chat.postEphemeral").get(0);
            assertThat(ephemeral.param("user")).isEqualTo(AGENT);
            assertThat(ephemeral.param("thread_ts")).isEqualTo(root);
            assertThat(ephemeral.param("text")).contains("Has Name U0CUSTOMER confirmed it works");
            assertThat(slack.nudges.findByIssue(issue.id())).filteredOn(nudge -> nudge.sentAt().isPresent())
                    .singleElement().satisfies(nudge -> assertThat(nudge.stepId().value()).isEqualTo("confirm-result"));
        }
    }

    private static void runWorkerUntilEmpty(InboxWorker worker, JdbcInboxStore inbox) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (inbox.backlog() > 0) {
            assertThat(System.nanoTime()).as("the worker empties the inbox").isLessThan(deadline);
            worker.poll();
            Thread.sleep(20);
        }
    }

    private static long countRows(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String createSchema(String schema) throws SQLException {
        execute(POSTGRES_URL, "create schema " + schema);
        return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
