package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.storage.Database;
import io.happy3.testing.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Acked means on disk", checked the way Slack would notice it: real {@code happy3 serve} processes get
 * signed events over HTTP, are killed with SIGKILL right after the last 200 (or stopped with SIGTERM under
 * load), and are started again on the same database <em>without re-sending anything</em>, as Slack never
 * redelivers an event it got a 200 for. Every acknowledged event must then have its issue and its nudge.
 */
class ServeCrashTest {
    private static final String POSTGRES = "HAPPY3_TEST_POSTGRES_URL";
    private static final Pattern NUDGE_BLOCK = Pattern.compile("nudge:([A-Za-z0-9_-]+):text");

    @TempDir
    Path directory;
    private FakeSlackApi fake;
    private final List<ServeProcess> processes = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();

    @BeforeEach
    void startFake() throws Exception {
        fake = new FakeSlackApi();
    }

    @AfterEach
    void stopAll() {
        processes.forEach(ServeProcess::close);
        fake.close();
        schemas.forEach(ServeCrashTest::dropSchema);
    }

    @Test
    void kill9RightAfterAcks_onH2File_restartHasEveryAckedEventsIssueAndNudgeWithinSeconds() throws Exception {
        killRightAfterAcksThenRestart("jdbc:h2:file:" + directory.resolve("data/happy3").toAbsolutePath());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = POSTGRES, matches = ".+")
    void kill9RightAfterAcks_onPostgres_restartHasEveryAckedEventsIssueAndNudgeWithin30s() throws Exception {
        killRightAfterAcksThenRestart(newSchema());
    }

    private void killRightAfterAcksThenRestart(String url) throws Exception {
        Path playbooks = ServeProcess.playbooks(directory, "10m");
        ServeProcess first = started(url, playbooks);
        List<Message> acked = send(i -> first, 50, 8, new AtomicBoolean());
        first.kill9();
        long killedAt = System.nanoTime();
        assertThat(acked).as("every event answered 200 before the kill").hasSize(50);

        ServeProcess second = started(url, playbooks);
        double seconds = second.awaitEmptyInbox(Duration.ofSeconds(60));
        double sinceKill = (System.nanoTime() - killedAt) / 1e9;
        assertThat(seconds).as("the restart processed the inbox (log:\n%s)", second.log()).isGreaterThanOrEqualTo(0);
        assertThat(seconds).as("seconds from the restart until the dead process's claimed events were done")
                .isLessThan(30);
        assertThat(second.stop()).isIn(0, 143);
        assertEveryMessageHasItsIssueAndNudge(url, acked);
        System.out.printf(Locale.ROOT, "%s: %d acked, killed; the restart finished the inbox %.1f s after it "
                        + "served (%.1f s after the kill)%n", url.startsWith("jdbc:h2") ? "H2 file" : "PostgreSQL",
                acked.size(), seconds, sinceKill);
    }

    @Test
    void sigtermUnderLoad_onH2File_logsNoErrorAndLosesNoAckedEvent() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("data/happy3").toAbsolutePath();
        Path playbooks = ServeProcess.playbooks(directory, "10m");
        ServeProcess first = started(url, playbooks);
        AtomicBoolean stopping = new AtomicBoolean();
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<List<Message>> sent = load.submit(() -> send(i -> first, 100_000, 6, stopping));
        while (fake.calls().isEmpty() && first.isAlive()) {
            Thread.sleep(20); // the first nudge-free processing has happened: the worker is busy
        }
        Thread.sleep(1500);
        assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);
        stopping.set(true);
        List<Message> acked = sent.get(60, TimeUnit.SECONDS);
        load.shutdown();
        assertThat(acked.size()).as("events acknowledged before the stop").isGreaterThan(50);
        assertThat(first.errorLines()).as("errors logged during the SIGTERM shutdown").isEmpty();

        ServeProcess second = started(url, playbooks);
        assertThat(second.awaitEmptyInbox(Duration.ofSeconds(60))).isGreaterThanOrEqualTo(0);
        assertThat(second.stop()).isIn(0, 143);
        assertThat(second.errorLines()).isEmpty();
        assertEveryMessageHasItsIssueAndNudge(url, acked);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = POSTGRES, matches = ".+")
    void twoReplicasOnPostgres_oneKilledMidRun_everyEventProcessedAndEveryNudgeDeliveredOnce() throws Exception {
        String url = newSchema();
        Path playbooks = ServeProcess.playbooks(directory, "2s");
        ServeProcess[] replicas = {started(url, playbooks), started(url, playbooks)};
        AtomicInteger acks = new AtomicInteger();
        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<?> kill = killer.submit(() -> {
            while (acks.get() < 100) {
                Thread.sleep(5);
            }
            replicas[0].kill9();
            return null;
        });
        List<Message> acked = send(i -> replicas[0].isAlive() && i % 2 == 0 ? replicas[0] : replicas[1], 200, 8,
                new AtomicBoolean(), acks);
        kill.get(60, TimeUnit.SECONDS);
        killer.shutdown();
        ServeProcess restarted = started(url, playbooks);
        assertThat(acked).hasSize(200);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (count(url, "select count(*) from nudges where status = 'PENDING'") > 0
                || count(url, "select count(*) from inbox where status = 'PENDING'") > 0
                || count(url, "select count(*) from nudges") < 200) {
            assertThat(System.nanoTime()).as("all events and nudges done within 90 s: %s",
                    summary(url)).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(replicas[1].stop()).isIn(0, 143);
        assertThat(restarted.stop()).isIn(0, 143);
        assertEveryMessageHasItsIssueAndNudge(url, acked);
        assertThat(count(url, "select count(*) from inbox where status = 'DONE'")).isEqualTo(200);
        assertThat(count(url, "select count(*) from nudges where status = 'SENT'")).isEqualTo(200);
        Map<String, Integer> deliveries = deliveriesPerNudge();
        assertThat(deliveries).as("nudges delivered at the fake Slack API").hasSize(200);
        assertThat(deliveries.values()).as("deliveries per nudge").containsOnly(1);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = POSTGRES, matches = ".+")
    void postgresStoppedUnderLoad_answers503ThenResumes_nothingLostOrDoubled() throws Exception {
        String url = newSchema();
        URI target = URI.create(url.substring("jdbc:".length()));
        Instant base = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            messages.add(new Message("EvOutage" + i, SlackHarness.ts(base.plusNanos(i * 1000L))));
        }
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
            String proxied = url.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port());
            ServeProcess serve = started(proxied, ServeProcess.playbooks(directory, "10m"));
            HttpClient http = HttpClient.newHttpClient();
            SlackSignatureVerifier signer = new SlackSignatureVerifier(SlackHarness.SECRET, Clock.systemUTC());
            List<Integer> before = statuses(http, signer, serve, messages.subList(0, 20));
            proxy.stop();
            List<Integer> during = statuses(http, signer, serve, messages.subList(20, 40));
            proxy.start();
            List<Integer> retried = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) { // Slack redelivers what got no 200, until it does
                retried = statuses(http, signer, serve, messages.subList(20, 40));
                if (retried.stream().allMatch(code -> code == 200)) {
                    break;
                }
                Thread.sleep(500);
            }
            List<Integer> after = statuses(http, signer, serve, messages.subList(40, 60));

            assertThat(before).containsOnly(200);
            assertThat(during).as("while PostgreSQL is unreachable").containsOnly(503);
            assertThat(retried).as("redeliveries once it is back").containsOnly(200);
            assertThat(after).containsOnly(200);
            assertThat(serve.awaitEmptyInbox(Duration.ofSeconds(60))).as("inbox drained after the outage (log:\n%s)",
                    serve.log()).isGreaterThanOrEqualTo(0);
            assertThat(serve.stop()).isIn(0, 143);
        }
        assertEveryMessageHasItsIssueAndNudge(url, messages);
        assertThat(count(url, "select count(*) from inbox")).as("inbox rows, none doubled").isEqualTo(60);
        assertThat(count(url, "select count(*) from issues")).as("issues, none doubled").isEqualTo(60);
        assertThat(count(url, "select count(*) from nudges")).as("nudges, none doubled").isEqualTo(60);
    }

    private List<Integer> statuses(HttpClient http, SlackSignatureVerifier signer, ServeProcess serve,
                                   List<Message> messages) {
        List<Integer> codes = new ArrayList<>();
        for (Message message : messages) {
            String body = SlackHarness.message(message.eventId(), "U0CUST" + message.eventId(), message.ts(), null,
                    "Die Rechnung ist falsch ✋");
            codes.add(status(http, signer, serve.eventsUri(), body));
        }
        return codes;
    }

    /** How often each nudge id reached Slack in a message to its agent (ephemeral, or coalesced into a DM). */
    private Map<String, Integer> deliveriesPerNudge() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (FakeSlackApi.Call call : fake.calls()) {
            if (!call.method().equals("chat.postEphemeral") && !call.method().equals("chat.postMessage")) {
                continue;
            }
            Matcher matcher = NUDGE_BLOCK.matcher(call.param("blocks"));
            while (matcher.find()) {
                counts.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    private ServeProcess started(String url, Path playbooks) throws Exception {
        ServeProcess serve = ServeProcess.start(url, playbooks, fake);
        processes.add(serve);
        return serve;
    }

    /** A top-level customer message, as acknowledged: its event id and its ts (the issue's root). */
    private record Message(String eventId, String ts) {
    }

    private List<Message> send(IntFunction<ServeProcess> target, int count, int concurrency, AtomicBoolean stop)
            throws Exception {
        return send(target, count, concurrency, stop, new AtomicInteger());
    }

    /**
     * Sends {@code count} signed top-level messages, {@code concurrency} at a time, retrying one without a
     * 200 as Slack does, and returns those answered 200. Stops early when {@code stop} is set.
     */
    private List<Message> send(IntFunction<ServeProcess> target, int count, int concurrency, AtomicBoolean stop,
                               AtomicInteger acks) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        SlackSignatureVerifier signer = new SlackSignatureVerifier(SlackHarness.SECRET, Clock.systemUTC());
        List<Message> acked = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < count && !stop.get(); i = next.getAndIncrement()) {
                    Message message = new Message("Ev" + run + i, SlackHarness.ts(base.plusNanos(i * 1000L)));
                    String body = SlackHarness.message(message.eventId(), "U0CUST" + i, message.ts(), null,
                            "Export läuft nicht — ticket " + i + " ✋");
                    // Like Slack, an event that got no 200 is sent again (same event id), a few times.
                    for (int attempt = 0; attempt < 5 && !stop.get(); attempt++) {
                        if (post(http, signer, target.apply(i).eventsUri(), body)) {
                            acked.add(message);
                            acks.incrementAndGet();
                            break;
                        }
                        Thread.sleep(200);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(120, TimeUnit.SECONDS);
        }
        senders.shutdown();
        return List.copyOf(acked);
    }

    private static boolean post(HttpClient http, SlackSignatureVerifier signer, URI uri, String body) {
        return status(http, signer, uri, body) == 200;
    }

    /** Posts one signed event; its HTTP status, or -1 when the connection failed. */
    private static int status(HttpClient http, SlackSignatureVerifier signer, URI uri, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signer.sign(timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Every acknowledged message opened an issue, and that issue has its first-response nudge. */
    private static void assertEveryMessageHasItsIssueAndNudge(String url, List<Message> acked) throws SQLException {
        List<String> missingIssues = new ArrayList<>();
        List<String> missingNudges = new ArrayList<>();
        try (Database database = Database.open(url, "", "", 2);
             Connection connection = database.dataSource().getConnection();
             PreparedStatement issue = connection.prepareStatement("select id from issues where root_message_id = ?");
             PreparedStatement nudge = connection.prepareStatement("select count(*) from nudges where issue_id = ?")) {
            for (Message message : acked) {
                issue.setString(1, message.ts());
                try (ResultSet rows = issue.executeQuery()) {
                    if (!rows.next()) {
                        missingIssues.add(message.eventId());
                        continue;
                    }
                    nudge.setString(1, rows.getString(1));
                }
                try (ResultSet rows = nudge.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 0) {
                        missingNudges.add(message.eventId());
                    }
                }
            }
        }
        assertThat(missingIssues).as("acknowledged events without their issue after the restart").isEmpty();
        assertThat(missingNudges).as("issues of acknowledged events without their nudge").isEmpty();
    }

    private static String summary(String url) throws SQLException {
        return "nudges " + rows(url, "select status, count(*) from nudges group by status") + ", inbox "
                + rows(url, "select status, count(*) from inbox group by status") + ", leases "
                + rows(url, "select lease_owner, count(*) from nudges where status = 'PENDING' group by lease_owner");
    }

    private static List<String> rows(String url, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.add(rows.getString(1) + "=" + rows.getLong(2));
            }
        }
        return result;
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String newSchema() {
        String base = System.getenv(POSTGRES);
        String schema = "happy3_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(base, "create schema " + schema);
        schemas.add(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        return schemas.get(schemas.size() - 1);
    }

    private static void dropSchema(String schemaUrl) {
        String schema = schemaUrl.substring(schemaUrl.indexOf("currentSchema=") + "currentSchema=".length());
        execute(System.getenv(POSTGRES), "drop schema if exists " + schema + " cascade");
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(POSTGRES + " is set but '" + sql + "' failed: " + e.getMessage(), e);
        }
    }
}
