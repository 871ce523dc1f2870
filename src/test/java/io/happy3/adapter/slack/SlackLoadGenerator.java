package io.happy3.adapter.slack;

import io.happy3.adapter.http.HttpServer;
import io.happy3.adapter.memory.InMemoryInboxStore;
import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcInboxStore;
import io.happy3.config.AppConfig;
import io.happy3.domain.inbox.InboxStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for the Slack acknowledgement path (not a unit test): starts the real HTTP server on port 0
 * with the Slack module over the H2 file inbox, then sends signed {@code message.channels} events over N
 * keep-alive connections, first at a fixed rate, then as fast as the server answers, and prints throughput
 * and latency percentiles. Latency at a fixed rate is measured from each request's scheduled send time, so
 * a stalled server is not hidden (no coordinated omission).
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.happy3.adapter.slack.SlackLoadGenerator
 *     [connections=32] [seconds=10] [rate=500] [h2|memory] [pool=5]</pre>
 */
public final class SlackLoadGenerator {
    private static final AtomicLong EVENT_IDS = new AtomicLong();

    private SlackLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        boolean memory = args.length > 3 && args[3].equals("memory");
        Path dir = Files.createTempDirectory("happy3-bench");
        Clock clock = Clock.systemUTC();
        int pool = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        try (Database database = Database.open("jdbc:h2:file:" + dir.resolve("happy3"), "", "", pool)) {
            InboxStore inbox = memory ? new InMemoryInboxStore() : new JdbcInboxStore(database, clock);
            AppConfig.Slack config = new AppConfig.Slack(new AppConfig.Secret(SlackHarness.SECRET),
                    Optional.of(new AppConfig.Secret("xoxb-bench")), Optional.empty(), Optional.empty(),
                    "http://127.0.0.1:9/api/");
            SlackModule slack = SlackModule.create(config, inbox, new InMemoryInstallationStore(),
                    new InMemoryIssueStore(), new InMemoryNudgeStore(),
                    new io.happy3.adapter.memory.InMemoryRenderedNudgeStore(), clock);
            HttpServer server = new HttpServer("127.0.0.1", 0, slack.servlets().entrySet().stream()
                    .map(entry -> new HttpServer.Mount(entry.getKey(), entry.getValue())).toList(), Optional::empty)
                    .start();
            try {
                System.out.printf("Slack ack path: %s inbox, %d cores, %d connections%n",
                        memory ? "in-memory" : "H2 file", Runtime.getRuntime().availableProcessors(), connections);
                run(server.port(), connections, 10, 0, "warm-up (max rate)");
                run(server.port(), connections, seconds, rate, "fixed rate " + rate + "/s");
                run(server.port(), connections, seconds, 0, "max rate");
                System.out.printf("inbox rows: %d%n", inbox.backlog());
            } finally {
                server.close();
            }
        }
    }

    /** Sends for {@code seconds}; {@code rate} 0 means as fast as possible. */
    private static void run(int port, int connections, int seconds, int rate, String label) throws Exception {
        long start = System.nanoTime() + 50_000_000L;
        long end = start + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] samples = new long[Math.max(1024, rate > 0 ? rate * seconds / connections + 16 : 200_000)];
            latencies.add(samples);
            long interval = rate > 0 ? 1_000_000_000L * connections / rate : 0;
            long offset = rate > 0 ? interval * c / connections : 0;
            Thread thread = new Thread(() -> {
                try {
                    connection(port, start + offset, end, interval, samples, errors);
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        done.await();
        long[] all = latencies.stream().flatMapToLong(samples -> Arrays.stream(samples).filter(v -> v > 0))
                .sorted().toArray();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-22s %8d requests %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms"
                        + "  errors %d%n", label, all.length, all.length / Math.min(elapsed, seconds + 0.05),
                percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, errors.get());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)]
                / 1e6;
    }

    private static void connection(int port, long first, long end, long interval, long[] samples,
                                   AtomicLong errors) {
        SlackSignatureVerifier signer = new SlackSignatureVerifier(SlackHarness.SECRET, Clock.systemUTC());
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int count = 0;
            for (long scheduled = first; ; scheduled += interval) {
                if (interval > 0) {
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                } else {
                    scheduled = System.nanoTime();
                }
                if (scheduled >= end || count >= samples.length) {
                    return;
                }
                out.write(request(port, signer));
                out.flush();
                int status = readResponse(in);
                if (status != 200) {
                    errors.incrementAndGet();
                }
                samples[count++] = Math.max(1, System.nanoTime() - scheduled);
            }
        } catch (IOException e) {
            errors.incrementAndGet();
            System.err.println("connection failed: " + e);
        }
    }

    private static byte[] request(int port, SlackSignatureVerifier signer) {
        long id = EVENT_IDS.incrementAndGet();
        String ts = (1_795_000_000L + id) + ".000100";
        byte[] body = SlackHarness.message("EvBENCH" + id, "U0CUSTOMER", ts, null,
                "Exports fail with error 500 since this morning, can you help?").getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/json\r\nX-Slack-Request-Timestamp: " + timestamp + "\r\n"
                + "X-Slack-Signature: " + signer.sign(timestamp, body) + "\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Reads one HTTP/1.1 response; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(status.substring(9, 12));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
