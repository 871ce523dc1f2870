package io.happy3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.happy3.config.AppConfig;
import io.happy3.testing.MutableClock;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sandbox over real HTTP: {@code serve} with no platform configured, on port 0 and an in-memory H2, driven
 * through the JSON API the page uses. One server for the class; each test starts from a reset sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxServeTest {
    private static final String JSON = "application/json";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** The real clock of the server (Slack and Teams would run on it); the sandbox has its own. */
    private final MutableClock realClock = new MutableClock(Instant.parse("2026-11-25T14:00:00Z"));
    private Serve.Running server;

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put(AppConfig.PORT, "0");
        env.put(AppConfig.DB_URL, "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        for (int index = 0; index < pairs.length; index += 2) {
            env.put(pairs[index], pairs[index + 1]);
        }
        return env;
    }

    @BeforeAll
    void start() {
        server = Serve.start(AppConfig.fromEnv(env()), realClock);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void reset() throws Exception {
        assertThat(post("/sandbox/api/reset", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void sandbox_theReadmeStory_runsThroughTheEngineToAVerifiedResolution() throws Exception {
        post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"Our CSV export fails with a timeout.\"}");
        assertThat(inbox("anna")).isEmpty();

        post("/sandbox/api/clock", "{\"by\":\"10m\"}");

        JsonNode nudge = inbox("anna").get(0);
        assertThat(nudge.path("step").asText()).isEqualTo("first-response");
        assertThat(nudge.path("text").asText()).startsWith("Priya (Northwind) has waited 10 min in #support");
        assertThat(nudge.path("actions").findValuesAsText("label")).containsExactly("On it", "Snooze");
        assertThat(nudge.path("snooze").findValuesAsText("value")).containsExactly("1h", "3h", "tomorrow",
                "customer");

        post("/sandbox/api/actions", "{\"as\":\"anna\",\"target\":\"" + nudge.path("nudge").asText()
                + "\",\"action\":\"on_it\"}");
        assertThat(inbox("anna").get(0).path("outcome").asText()).isEqualTo("You're on it.");

        post("/sandbox/api/messages", "{\"as\":\"anna\",\"thread\":\"m1\",\"text\":\"I've deployed a fix, it should "
                + "work now.\"}");
        JsonNode thread = state().path("threads").get(0);
        assertThat(thread.path("state").asText()).isEqualTo("RESOLUTION_PROPOSED");
        JsonNode signal = thread.path("messages").get(1).path("signals").get(0);
        assertThat(signal.path("signal").asText()).isEqualTo("resolution_proposed");
        assertThat(signal.path("explanation").asText()).contains("not a result yet").contains("“deployed a fix”");
        assertThat(thread.path("planned").findValuesAsText("step")).contains("confirm-result");

        post("/sandbox/api/messages", "{\"as\":\"priya\",\"thread\":\"m1\",\"text\":\"Works now, thanks!\"}");
        assertThat(state().path("threads").get(0).path("state").asText()).isEqualTo("CONFIRMED");

        post("/sandbox/api/clock", "{\"by\":\"3d\"}");
        assertThat(inbox("anna").get(0).path("step").asText()).isEqualTo("follow-up");
        assertThat(inbox("anna").get(0).path("text").asText()).contains("confirmed the fix 3 days ago");

        post("/sandbox/api/commands", "{\"as\":\"lea\",\"text\":\"/review\"}");
        String review = feed("lea").path("messages").get(0).path("text").asText();
        assertThat(review).contains("Verified-resolution rate: *100%* (1/1)");
    }

    @Test
    void clock_nextMonday_thursdaysPromptAndFridaysDigestWithItsChartArrive() throws Exception {
        post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"Our CSV export fails with a timeout.\"}");
        post("/sandbox/api/messages", "{\"as\":\"anna\",\"thread\":\"m1\",\"text\":\"Looking into it.\"}");

        post("/sandbox/api/clock", "{\"by\":\"monday\"}");

        JsonNode state = state();
        assertThat(state.path("nowText").asText()).isEqualTo("Mon 30 Nov 09:00");
        JsonNode prompt = state.path("people_feed").path("anna").path("messages").get(0);
        assertThat(prompt.path("kind").asText()).isEqualTo("dm");
        assertThat(prompt.path("atText").asText()).isEqualTo("Thu 26 Nov 15:00");
        assertThat(prompt.path("text").asText()).startsWith("What's one thing you did this week");
        JsonNode digest = state.path("posts").get(0);
        assertThat(digest.path("atText").asText()).isEqualTo("Fri 27 Nov 15:00");
        assertThat(digest.path("text").asText()).contains("2026-W48");
        HttpResponse<byte[]> chart = client.send(HttpRequest.newBuilder(uri(digest.path("file").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(chart.headers().firstValue("content-type")).contains("image/png");
        assertThat(java.util.Arrays.copyOf(chart.body(), 4)).containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void realScheduler_realClockFarAhead_neverTouchesTheSandboxNudges() throws Exception {
        post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"Our CSV export fails with a timeout.\"}");
        realClock.advance(Duration.ofDays(30));
        try {
            assertThat(server.engine().delivery().tick()).isZero();
            assertThat(server.engine().quietIssues().sweep()).isZero();
        } finally {
            realClock.advance(Duration.ofDays(-30));
        }

        JsonNode thread = state().path("threads").get(0);
        assertThat(thread.path("state").asText()).isEqualTo("OPEN");
        assertThat(thread.path("planned").findValuesAsText("status")).containsOnly("PENDING");
        post("/sandbox/api/clock", "{\"by\":\"10m\"}");
        assertThat(inbox("anna")).hasSize(1);
    }

    @Test
    void reset_afterAStory_leavesAnEmptySandboxAtMondayNine() throws Exception {
        post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"Our CSV export fails with a timeout.\"}");
        post("/sandbox/api/clock", "{\"by\":\"10m\"}");

        post("/sandbox/api/reset", "{}");

        JsonNode state = state();
        assertThat(state.path("threads")).isEmpty();
        assertThat(state.path("people_feed").path("anna").path("inbox")).isEmpty();
        assertThat(state.path("nowText").asText()).isEqualTo("Mon 23 Nov 09:00");
        post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"A new problem.\"}");
        assertThat(state().path("threads").get(0).path("root").asText()).isEqualTo("m1");
        assertThat(state().path("threads").get(0).path("planned")).hasSize(5);
    }

    @Test
    void events_aMessageIsPosted_theStreamAnnouncesTheChange() throws Exception {
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(uri("/sandbox/api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        // Reads happen off the test thread with a deadline, so a broken stream fails the test instead of hanging
        // it; the stream ends when the server stops.
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        long first = CompletableFuture.supplyAsync(() -> version(reader)).get(10, TimeUnit.SECONDS);
        post("/sandbox/api/messages", "{\"as\":\"marco\",\"text\":\"The login page is blank.\"}");
        // An announcement may repeat a version the stream already had (it is at least once); wait for a newer one.
        CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> {
            long seen = version(reader);
            while (seen <= first) {
                seen = version(reader);
            }
            return seen;
        });
        assertThat(next.get(10, TimeUnit.SECONDS)).isGreaterThan(first);
    }

    @Test
    void post_withoutAJsonContentType_isRefused() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/sandbox/api/messages"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"as\":\"priya\",\"text\":\"hello\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(state().path("threads")).isEmpty();
    }

    @Test
    void post_unknownPersonOrEmptyText_answers400SayingWhy() throws Exception {
        HttpResponse<String> stranger = post("/sandbox/api/messages", "{\"as\":\"mallory\",\"text\":\"hi\"}");
        HttpResponse<String> empty = post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"  \"}");
        HttpResponse<String> clock = post("/sandbox/api/clock", "{\"by\":\"-3d\"}");

        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(stranger.body()).contains("no such person in the sandbox: mallory");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(clock.statusCode()).isEqualTo(400);
        assertThat(state().path("threads")).isEmpty();
    }

    @Test
    void press_aNudgeShownToSomeoneElse_isRefused() throws Exception {
        post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"Our CSV export fails with a timeout.\"}");
        post("/sandbox/api/clock", "{\"by\":\"10m\"}");
        String nudge = inbox("anna").get(0).path("nudge").asText();

        HttpResponse<String> response = post("/sandbox/api/actions", "{\"as\":\"priya\",\"target\":\"" + nudge
                + "\",\"action\":\"on_it\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(inbox("anna").get(0).has("outcome")).isFalse();
    }

    @Test
    void playbookCheck_brokenPlaybook_reportsLineAndColumn() throws Exception {
        String playbook = state(get("/sandbox/api/playbook")).path("text").asText();
        assertThat(playbook).contains("id: default");
        String broken = playbook.replace("    after: 2h", "    after: soon");

        JsonNode answer = json.readTree(post("/sandbox/api/playbook/check", body("text", broken)).body());

        assertThat(answer.path("ok").asBoolean()).isFalse();
        JsonNode problem = answer.path("problems").get(0);
        int line = List.of(broken.split("\n", -1)).indexOf("    after: soon") + 1;
        assertThat(problem.path("line").asInt()).isEqualTo(line);
        assertThat(problem.path("column").asInt()).isGreaterThan(1);
        assertThat(problem.path("message").asText()).isNotBlank();
    }

    @Test
    void playbookReplay_confirmStepOneHourSooner_saysSoSideBySide() throws Exception {
        post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"Our CSV export fails with a timeout.\"}");
        post("/sandbox/api/messages", "{\"as\":\"anna\",\"thread\":\"m1\",\"text\":\"I've deployed a fix, it should "
                + "work now.\"}");
        post("/sandbox/api/clock", "{\"by\":\"3h\"}");
        String playbook = state(get("/sandbox/api/playbook")).path("text").asText();
        String sooner = playbook.replace("    after: 2h", "    after: 1h");

        JsonNode answer = json.readTree(post("/sandbox/api/playbook/replay", "{\"thread\":\"m1\",\"text\":"
                + json.writeValueAsString(sooner) + "}").body());

        assertThat(answer.path("summary").toString()).contains("the confirm-result nudge 1 h earlier");
        assertThat(answer.path("current").path("nudges").findValuesAsText("step")).contains("confirm-result");
        assertThat(answer.path("candidate").path("nudges").findValuesAsText("step")).contains("confirm-result");
        assertThat(state().path("playbook").asText()).isEqualTo("default");
    }

    @Test
    void csvExport_leadAsksForIt_downloadsAsAFile() throws Exception {
        post("/sandbox/api/messages", "{\"as\":\"priya\",\"text\":\"Our CSV export fails with a timeout.\"}");
        post("/sandbox/api/commands", "{\"as\":\"lea\",\"text\":\"/review export\"}");
        String link = null;
        for (JsonNode message : feed("lea").path("messages")) {
            if (message.has("file")) {
                link = message.path("file").asText();
            }
        }
        assertThat(link).isNotNull();

        HttpResponse<String> file = get(link);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("content-disposition")).hasValueSatisfying(value ->
                assertThat(value).startsWith("attachment; filename=\"happy3-2026-W48.csv\""));
        assertThat(file.body().lines().count()).isEqualTo(2);
    }

    @Test
    void page_isServedAtTheRoot() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Happy3").contains("/sandbox/app.js");
        assertThat(get("/sandbox/app.js").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").body()).isEqualTo("ok\n");
    }

    @Test
    void sandbox_requestArrivingOnANetworkAddress_isNotFoundByDefault() throws Exception {
        Optional<InetAddress> network = networkAddress();
        assumeTrue(network.isPresent(), "this machine has no non-loopback IPv4 address to test with");

        HttpResponse<String> page = get(network.get(), server.port(), "/");
        HttpResponse<String> health = get(network.get(), server.port(), "/healthz");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("Happy3");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void sandbox_bindSetToAnyAddress_answersOnTheNetworkAddressToo() throws Exception {
        Optional<InetAddress> network = networkAddress();
        assumeTrue(network.isPresent(), "this machine has no non-loopback IPv4 address to test with");
        try (Serve.Running open = Serve.start(AppConfig.fromEnv(env(AppConfig.SANDBOX_BIND, "0.0.0.0")), realClock)) {
            assertThat(get(network.get(), open.port(), "/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void sandbox_switchedOff_rootIsNotServed() throws Exception {
        try (Serve.Running off = Serve.start(AppConfig.fromEnv(env(AppConfig.SANDBOX, "false")), realClock)) {
            assertThat(off.sandbox()).isEmpty();
            assertThat(get(InetAddress.getLoopbackAddress(), off.port(), "/").statusCode()).isEqualTo(404);
        }
    }

    private static Optional<InetAddress> networkAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private long version(BufferedReader reader) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    return Long.parseLong(line.substring("data: ".length()));
                }
            }
            throw new IllegalStateException("the event stream ended");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode inbox(String person) throws Exception {
        return feed(person).path("inbox");
    }

    private JsonNode feed(String person) throws Exception {
        return state().path("people_feed").path(person);
    }

    private JsonNode state() throws Exception {
        return state(get("/sandbox/api/state"));
    }

    private JsonNode state(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String body(String field, String value) throws Exception {
        return json.writeValueAsString(Map.of(field, value));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(InetAddress host, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + host.getHostAddress() + ":" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
