package io.happy3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.config.AppConfig;
import io.happy3.testing.CapturedLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code happy3 serve} started for real on loopback ports, as a pod or an operator would meet it. */
class ServeTest {
    private static final String SIGNING_SECRET = "sign-" + UUID.randomUUID();
    private static final String BOT_TOKEN = "xoxb-" + UUID.randomUUID();
    private static final String TEAMS_PASSWORD = "teams-" + UUID.randomUUID();
    private static final String DB_PASSWORD = "db-" + UUID.randomUUID();
    private static final List<String> SECRETS = List.of(SIGNING_SECRET, BOT_TOKEN, TEAMS_PASSWORD, DB_PASSWORD);

    private final HttpClient client = HttpClient.newHttpClient();

    /** The env the Deployment gives the container (configmap + secrets), plus the Service links Kubernetes adds. */
    private static Map<String, String> podEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("HAPPY3_SERVICE_HOST", "10.96.0.17");
        env.put("HAPPY3_SERVICE_PORT", "80");
        env.put("HAPPY3_SERVICE_PORT_HTTP", "80");
        env.put("HAPPY3_PORT_80_TCP", "tcp://10.96.0.17:80");
        env.put("HAPPY3_PORT_80_TCP_PROTO", "tcp");
        env.put("HAPPY3_PORT_80_TCP_PORT", "80");
        env.put("HAPPY3_PORT_80_TCP_ADDR", "10.96.0.17");
        env.put(AppConfig.PORT, "0");
        env.put(AppConfig.BIND, "127.0.0.1");
        env.put(AppConfig.DB_URL, "jdbc:h2:mem:serve-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        env.put(AppConfig.DB_USER, "sa");
        env.put(AppConfig.DB_PASSWORD, DB_PASSWORD);
        env.put(AppConfig.PLAYBOOKS, "playbooks");
        env.put(AppConfig.LOG_FORMAT, "text");
        return env;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void start_withKubernetesServiceLinks_startsAndAnswersHealthz() throws Exception {
        try (Serve.Running running = Serve.start(AppConfig.fromEnv(podEnv()), Clock.systemUTC())) {
            assertThat(get(running.port(), "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(running.port(), "/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void printConfig_withKubernetesServiceLinks_exitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = podEnv();
        env.put(AppConfig.PORT, "tcp://10.96.0.17:80"); // what a pod gets when nothing sets HAPPY3_PORT

        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run("serve", "--print-config");

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("HAPPY3_PORT=3000\n");
    }

    @Test
    void responses_carryNoServerBannerAndJettyErrorsAreShortJson() throws Exception {
        try (Serve.Running running = Serve.start(AppConfig.fromEnv(podEnv()), Clock.systemUTC())) {
            HttpResponse<String> health = get(running.port(), "/healthz");
            HttpResponse<String> missing = get(running.port(), "/nowhere");

            assertThat(health.headers().firstValue("Server")).isEmpty();
            assertThat(missing.headers().firstValue("Server")).isEmpty();
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("{\"error\":\"not found\"}");
            assertThat(missing.body()).doesNotContainIgnoringCase("jetty");
        }
    }

    @Test
    void metrics_withoutManagementPort_areOnThePublicPortWithTheDueNudgesGauge() throws Exception {
        try (Serve.Running running = Serve.start(AppConfig.fromEnv(podEnv()), Clock.systemUTC())) {
            HttpResponse<String> metrics = get(running.port(), "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("happy3_nudges_due 0.0", "happy3_inbox_backlog 0.0");
        }
    }

    @Test
    void metrics_withManagementPort_moveOffThePublicPort() throws Exception {
        Map<String, String> env = podEnv();
        env.put(AppConfig.MANAGEMENT_PORT, "0");
        try (Serve.Running running = Serve.start(AppConfig.fromEnv(env), Clock.systemUTC())) {
            int management = running.http().managementPort().orElseThrow();

            assertThat(get(running.port(), "/metrics").statusCode()).isEqualTo(404);
            assertThat(get(management, "/metrics").statusCode()).isEqualTo(200);
            assertThat(get(management, "/metrics").body()).contains("happy3_nudges_due");
            assertThat(get(management, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(running.port(), "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void metrics_signedSlackEventsThroughTheRealWiring_countArrivalsDuplicatesAndAckLatency() throws Exception {
        Map<String, String> env = podEnv();
        env.put(AppConfig.SLACK_SIGNING_SECRET, SIGNING_SECRET);
        env.put(AppConfig.SLACK_BOT_TOKEN, BOT_TOKEN);
        env.put(AppConfig.SLACK_API_URL, "http://127.0.0.1:9/api/");
        String body = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"EvMetrics1\",\"event\":"
                + "{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\",\"text\":\"Grüße\",\"ts\":\"1.000001\"}}";
        String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
        String signature = new io.happy3.adapter.slack.SlackSignatureVerifier(SIGNING_SECRET, Clock.systemUTC())
                .sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
        Map<String, String> signed = Map.of("Content-Type", "application/json", "X-Slack-Request-Timestamp",
                timestamp, "X-Slack-Signature", signature);
        try (Serve.Running running = Serve.start(AppConfig.fromEnv(env), Clock.systemUTC())) {
            assertThat(post(running.port(), "/slack/events", body, signed)).startsWith("200");
            assertThat(post(running.port(), "/slack/events", body, signed)).as("Slack's retry").startsWith("200");

            assertThat(get(running.port(), "/metrics").body()).contains(
                    "happy3_events_received_total{platform=\"slack\"} 2.0",
                    "happy3_events_deduplicated_total{platform=\"slack\"} 1.0",
                    "happy3_ack_latency_seconds_count{platform=\"slack\"} 2");
        }
    }

    @Test
    void secrets_neverAppearInLogsErrorsMetricsOrPrintConfig() throws Exception {
        Map<String, String> env = podEnv();
        env.put(AppConfig.SLACK_SIGNING_SECRET, SIGNING_SECRET);
        env.put(AppConfig.SLACK_BOT_TOKEN, BOT_TOKEN);
        env.put(AppConfig.SLACK_API_URL, "http://127.0.0.1:9/api/"); // nothing listens: calls fail and get logged
        env.put(AppConfig.TEAMS_APP_ID, "00000000-0000-0000-0000-0000000000ab");
        env.put(AppConfig.TEAMS_APP_PASSWORD, TEAMS_PASSWORD);
        StringBuilder seen = new StringBuilder();
        try (CapturedLogs logs = new CapturedLogs();
             Serve.Running running = Serve.start(AppConfig.fromEnv(env), Clock.systemUTC())) {
            seen.append(AppConfig.fromEnv(env).describe());
            seen.append(get(running.port(), "/metrics").body());
            seen.append(post(running.port(), "/slack/events", "{\"type\":\"url_verification\"}", Map.of()));
            seen.append(post(running.port(), "/slack/events", "token=x&command=/happy3&text=review", Map.of(
                    "X-Slack-Request-Timestamp", "1", "X-Slack-Signature", "v0=" + "0".repeat(64))));
            seen.append(post(running.port(), "/api/messages", "{\"type\":\"message\",\"from\":{\"id\":\"u\"},"
                    + "\"conversation\":{\"id\":\"c\"}}", Map.of("Authorization", "Bearer not.a.jwt")));
            seen.append(post(running.port(), "/api/messages", "{", Map.of()));
            seen.append(logs.text());
        }

        assertThat(seen).isNotEmpty();
        SECRETS.forEach(secret -> assertThat(seen.toString()).doesNotContain(secret));
    }

    private String post(int port, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.headers().map() + " " + response.body() + "\n";
    }
}
