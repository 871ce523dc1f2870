package io.happy3.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in its own process: started with a clean environment, timed from the moment the
 * process is spawned to the first {@code /readyz} = 200, and read from {@code /proc} (RSS, CPU time) and
 * {@code /metrics} while it runs. Its output goes to a log file.
 */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final long CLOCK_TICKS = 100;

    private final String name;
    private final Process process;
    private final int port;
    private final double readySeconds;
    private final Path log;

    private ServerProcess(String name, Process process, int port, double readySeconds, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.readySeconds = readySeconds;
        this.log = log;
    }

    /** Spawns {@code command} in {@code workDir} with exactly {@code env} and waits for /readyz = 200. */
    static ServerProcess start(String name, List<String> command, Map<String, String> env, Path workDir, int port,
                               Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        URI ready = URI.create("http://127.0.0.1:" + port + "/readyz");
        long deadline = started + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before ready; log "
                        + log + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return new ServerProcess(name, process, port, (System.nanoTime() - started) / 1e9, log);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not ready within 180 s; log " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    double readySeconds() {
        return readySeconds;
    }

    Path log() {
        return log;
    }

    /** Resident set size now, in MiB. */
    double rssMiB() {
        return status("VmRSS") / 1024.0;
    }

    /** The highest resident set size so far, in MiB. */
    double peakRssMiB() {
        return status("VmHWM") / 1024.0;
    }

    /** CPU time used so far (user + system), in seconds. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // gone
        }
        return -1;
    }

    /** The sum of every sample of a Prometheus metric on /metrics, if the server exports it. */
    Optional<Double> metric(String metric) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                    .matcher(response.body());
            double sum = 0;
            boolean found = false;
            while (matcher.find()) {
                sum += Double.parseDouble(matcher.group(2));
                found = true;
            }
            return found ? Optional.of(sum) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
