package io.happy3.adapter.slack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code happy3 serve} in a child JVM, as an operator runs it: configured only through its
 * environment (a clean one, so nothing of the test JVM's leaks in), Slack pointed at a {@link FakeSlackApi},
 * killed with SIGKILL or stopped with SIGTERM. Its log is collected line by line.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("happy3 serving on port (\\d+)");
    private static final Pattern BACKLOG = Pattern.compile("(?m)^happy3_inbox_backlog(?:\\{[^}]*})? ([0-9.E+-]+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private final CountDownLatch serving = new CountDownLatch(1);
    private volatile int port;
    private volatile long servingAtNanos;

    private ServeProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "serve-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** A playbook folder following {@link SlackHarness#CHANNEL}, with a first-response nudge due after {@code after}. */
    static Path playbooks(Path directory, String after) throws IOException {
        Path folder = Files.createDirectories(directory.resolve("playbooks"));
        Files.writeString(folder.resolve("default.yaml"), """
                id: default
                channels: [%s]
                agents: [%s]
                max_nudges_per_agent_per_day: 1000
                steps:
                  - id: first-response
                    when: issue_opened
                    unless: agent_replied
                    after: %s
                    to: channel_agents
                    nudge: "{customer} is waiting in {channel}."
                    actions: [on_it, snooze]
                """.formatted(SlackHarness.CHANNEL, SlackHarness.AGENT, after));
        return folder;
    }

    /** Starts {@code happy3 serve} on {@code dbUrl} with Slack at {@code fake}; waits until it serves. */
    static ServeProcess start(String dbUrl, Path playbooks, FakeSlackApi fake) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.happy3.Main", "serve");
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HAPPY3_DB_URL", dbUrl);
        env.put("HAPPY3_PORT", "0");
        env.put("HAPPY3_BIND", "127.0.0.1");
        env.put("HAPPY3_PLAYBOOKS", playbooks.toString());
        env.put("SLACK_SIGNING_SECRET", SlackHarness.SECRET);
        env.put("SLACK_BOT_TOKEN", "xoxb-crash-test");
        env.put("HAPPY3_SLACK_API_URL", fake.apiUrl());
        builder.redirectErrorStream(true);
        ServeProcess serve = new ServeProcess(builder.start());
        serve.awaitServing(Duration.ofSeconds(90));
        return serve;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.append(line).append('\n');
                Matcher matcher = SERVING.matcher(line);
                if (matcher.find()) {
                    port = Integer.parseInt(matcher.group(1));
                    servingAtNanos = System.nanoTime();
                    serving.countDown();
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private void awaitServing(Duration timeout) {
        try {
            if (!serving.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("serve did not start within " + timeout + ":\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI eventsUri() {
        return URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    long servingAtNanos() {
        return servingAtNanos;
    }

    /** The inbox backlog as {@code /metrics} reports it, empty when the server does not answer. */
    OptionalLong backlog() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = BACKLOG.matcher(response.body());
            return matcher.find() ? OptionalLong.of((long) Double.parseDouble(matcher.group(1))) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Waits until the backlog is zero; returns the seconds it took, or -1 on timeout. */
    double awaitEmptyInbox(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (backlog().orElse(-1) == 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the graceful shutdown; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not stop within 40 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        return log.toString();
    }

    /** Log lines at ERROR level, and any line naming a closed database. */
    List<String> errorLines() {
        return log().lines().filter(line -> line.contains(" ERROR ") || line.contains("already closed")).toList();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
