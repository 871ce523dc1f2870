package io.happy3.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one load generator used unchanged for every target: N keep-alive HTTP/1.1 connections, each
 * request a Slack-signed event with its own event id. A phase either saturates (each connection sends
 * its next request when the previous one is answered) or runs open-loop at a fixed rate: each request
 * has a scheduled send time, and its latency runs from that time, so a server that stalls is charged
 * for the requests it delayed (no coordinated omission).
 */
final class LoadGenerator {
    /** What to send: the n-th request of a run (n is unique within the run). */
    interface Traffic {
        Request request(long n);
    }

    /** One request: path, content type and body. */
    record Request(String path, String contentType, byte[] body) {
        static Request json(String path, String body) {
            return new Request(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The outcome of one phase; latencies are sorted, in nanoseconds. */
    record Phase(String label, int rate, double seconds, long requests, long errors, long[] latencies) {
        double throughput() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        double maxMillis() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
        }
    }

    private final byte[] secret;
    private final int connections;
    private final AtomicLong sequence = new AtomicLong();

    LoadGenerator(String signingSecret, int connections) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.connections = connections;
    }

    int connections() {
        return connections;
    }

    /** Runs one phase against 127.0.0.1:{@code port}; {@code rate} 0 saturates. */
    Phase run(int port, String label, Duration duration, int rate, Traffic traffic) throws InterruptedException {
        long start = System.nanoTime() + 20_000_000L;
        long end = start + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long interval = rate > 0 ? 1_000_000_000L * connections / rate : 0;
            long offset = rate > 0 ? interval * c / connections : 0;
            Worker worker = new Worker(port, start + offset, end, interval, traffic);
            workers.add(worker);
            worker.thread = new Thread(worker, "load-" + c);
            worker.thread.start();
        }
        long requests = 0;
        long errors = 0;
        long[][] parts = new long[workers.size()][];
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            worker.thread.join();
            parts[i] = Arrays.copyOf(worker.samples, worker.count);
            requests += worker.count;
            errors += worker.errors;
        }
        double seconds = (Math.max(end, System.nanoTime()) - start) / 1e9;
        if (rate == 0) {
            seconds = duration.toNanos() / 1e9;
        }
        long[] all = Arrays.stream(parts).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Phase(label, rate, seconds, requests, errors, all);
    }

    /** Sends one signed request on a new connection; returns the HTTP status. */
    int once(int port, Request request) throws IOException {
        Worker worker = new Worker(port, 0, 0, 0, n -> request);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(worker.http(request));
            out.flush();
            return readResponse(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private final class Worker implements Runnable {
        private final int port;
        private final long first;
        private final long end;
        private final long interval;
        private final Traffic traffic;
        private final Mac mac;
        private long[] samples = new long[4096];
        private int count;
        private long errors;
        private Thread thread;

        Worker(int port, long first, long end, long interval, Traffic traffic) {
            this.port = port;
            this.first = first;
            this.end = end;
            this.interval = interval;
            this.traffic = traffic;
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void run() {
            long scheduled = first;
            while (true) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                    while (true) {
                        if (interval > 0) {
                            long wait = scheduled - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        } else {
                            scheduled = Math.max(scheduled, System.nanoTime());
                        }
                        if (scheduled >= end) {
                            return;
                        }
                        out.write(http(traffic.request(sequence.incrementAndGet())));
                        out.flush();
                        int status = readResponse(in);
                        record(System.nanoTime() - scheduled, status != 200);
                        scheduled = interval > 0 ? scheduled + interval : System.nanoTime();
                    }
                } catch (IOException | RuntimeException e) {
                    // The request in flight failed: count it, then reconnect and go on with the schedule.
                    record(System.nanoTime() - scheduled, true);
                    scheduled = interval > 0 ? scheduled + interval : System.nanoTime();
                    if (scheduled >= end) {
                        return;
                    }
                    LockSupport.parkNanos(10_000_000L);
                }
            }
        }

        private void record(long latency, boolean error) {
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[count++] = Math.max(1, latency);
            if (error) {
                errors++;
            }
        }

        private byte[] http(Request request) {
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
            String head = "POST " + request.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: " + request.contentType() + "\r\nX-Slack-Request-Timestamp: " + timestamp
                    + "\r\nX-Slack-Signature: " + signature + "\r\nContent-Length: " + request.body().length
                    + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + request.body().length);
            System.arraycopy(request.body(), 0, bytes, headBytes.length, request.body().length);
            return bytes;
        }
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked); returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(header.substring(15).strip());
            } else if (header.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)
                    && header.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).strip(), 16); size > 0;
                 size = Long.parseLong(line(in).strip(), 16)) {
                in.readNBytes((int) size);
                line(in);
            }
            line(in);
        } else {
            in.readNBytes((int) length);
        }
        if (status.length() < 12) {
            throw new IOException("bad status line: " + status);
        }
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
