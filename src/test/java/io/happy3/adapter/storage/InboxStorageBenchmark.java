package io.happy3.adapter.storage;

import io.happy3.adapter.scheduler.InboxWorker;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxHandler;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints what the durable inbox costs per entry on one database, as CPU time and allocation rather than wall-clock
 * rates (steadier on a shared machine): {@code threads} appenders storing Slack-shaped events through the group
 * commit, as the ack path does, then the inbox worker draining them with a handler that does nothing, so only the
 * claims and done marks are left. Run it as a program (BENCHMARKS.md), not as a test:
 * {@code java … InboxStorageBenchmark [entries] [threads] [jdbc-url]} (default: a new H2 file in a temporary folder);
 * {@code -Dbench.sql="…;…"} runs statements on the migrated schema first (to try an index or a setting).
 */
public final class InboxStorageBenchmark {
    private static final String TEXT = "Der CSV-Export schlägt seit heute früh fehl — ошибка 500, 导出失败 🙁 (#%d)";

    private InboxStorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path folder = Files.createTempDirectory("happy3-inbox-bench");
        String url = args.length > 2 ? args[2] : "jdbc:h2:file:" + folder.resolve("happy3");
        String run = Long.toString(System.nanoTime(), 36);
        try (Database database = Database.open(url, "", "", 12)) {
            for (String sql : System.getProperty("bench.sql", "").split(";")) {
                if (!sql.isBlank()) {
                    database.jdbc().update("running " + sql, sql, statement -> { });
                }
            }
            JdbcInboxStore store = new JdbcInboxStore(database, Clock.systemUTC());
            append(store, run, entries / 10, threads); // warm-up
            drain(store, entries / 10, false);
            Usage before = Usage.now();
            long wall = System.nanoTime();
            append(store, run + "m", entries, threads);
            report("append", entries, before, wall);
            drain(store, entries, true);
        }
        System.out.printf(Locale.ROOT, "file %s: %.1f MiB%n", url, size(folder) / 1048576.0);
    }

    private static void append(JdbcInboxStore store, String run, int entries, int threads) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (long n = next.getAndIncrement(); n < entries; n = next.getAndIncrement()) {
                    store.append(entry(run, n));
                }
                // A finished thread's allocation is no longer reported: it is counted here.
                Usage.ENDED.addAndGet(((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                        .getCurrentThreadAllocatedBytes());
            });
            appenders.add(thread);
            thread.start();
        }
        for (Thread thread : appenders) {
            thread.join();
        }
    }

    /** A message event as the ingest benchmark sends it (50 channels, 1,000 customers, non-ASCII text). */
    private static InboxEntry entry(String run, long n) {
        String eventId = "Ev" + run + "N" + n;
        String ts = (1_800_000_000L + n / 1000) + "." + String.format(Locale.ROOT, "%06d", n % 1_000_000);
        String channel = "C0BENCH" + (n % 50);
        String payload = "{\"token\":\"bench\",\"team_id\":\"T0BENCH\",\"api_app_id\":\"A0BENCH\",\"event\":"
                + "{\"type\":\"message\",\"channel\":\"" + channel + "\",\"user\":\"U0CUST" + (n % 1000)
                + "\",\"text\":\"" + String.format(Locale.ROOT, TEXT, n) + "\",\"ts\":\"" + ts + "\",\"event_ts\":\""
                + ts + "\",\"channel_type\":\"channel\"},\"type\":\"event_callback\",\"authorizations\":[{\"team_id\":"
                + "\"T0BENCH\",\"user_id\":\"U0HAPPY3\",\"is_bot\":true,\"is_enterprise_install\":false}],"
                + "\"event_id\":\"" + eventId + "\",\"event_time\":" + (1_800_000_000L + n / 1000) + "}";
        return InboxEntry.received(Platform.SLACK, eventId, "T0BENCH", "slack:T0BENCH:" + channel + ":" + ts,
                "event_callback/message", payload, java.time.Instant.now());
    }

    private static void drain(JdbcInboxStore store, int expected, boolean measured) throws InterruptedException {
        AtomicLong handled = new AtomicLong();
        InboxHandler nothing = new InboxHandler() {
            @Override
            public Platform platform() {
                return Platform.SLACK;
            }

            @Override
            public void handle(InboxEntry entry) {
                handled.incrementAndGet();
            }
        };
        try (InboxWorker worker = new InboxWorker(store, List.of(nothing), Clock.systemUTC(), "bench",
                InboxWorker.Settings.defaults().withThreads(4))) {
            Usage before = Usage.now();
            long wall = System.nanoTime();
            while (handled.get() < expected || store.backlog() > 0) {
                if (worker.poll() == 0) {
                    Thread.sleep(5);
                }
            }
            // Measured before the worker's threads end, so that their allocation still counts.
            if (measured) {
                report("drain", expected, before, wall);
            }
        }
        if (handled.get() < expected) {
            throw new IllegalStateException("handled " + handled.get() + " of " + expected);
        }
    }

    private static void report(String phase, int entries, Usage before, long wallStart) {
        Usage after = Usage.now();
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        System.out.printf(Locale.ROOT, "%-7s %,d entries: %.1f µs CPU, %.1f KiB allocated, %.2f file writes of "
                        + "%.1f KiB in all per entry (%.0f entries/s wall, load average %.2f)%n", phase, entries,
                (after.cpuNanos - before.cpuNanos) / 1e3 / entries,
                (after.allocated - before.allocated) / 1024.0 / entries,
                (double) (after.writeCalls - before.writeCalls) / entries,
                (after.writtenBytes - before.writtenBytes) / 1024.0 / entries, entries / seconds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * What the process used so far; the writes ({@code /proc/self/io}: write calls and bytes, H2 writes each commit's
     * chunk) do not depend on how loaded the machine is.
     */
    private record Usage(long cpuNanos, long allocated, long writeCalls, long writtenBytes) {
        static final AtomicLong ENDED = new AtomicLong();

        static Usage now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocated = ENDED.get();
            for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                allocated += Math.max(0, bytes);
            }
            long calls = 0;
            long bytes = 0;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                    if (line.startsWith("syscw:")) {
                        calls = Long.parseLong(line.substring(6).trim());
                    } else if (line.startsWith("wchar:")) {
                        bytes = Long.parseLong(line.substring(6).trim());
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux: no write counts
            }
            return new Usage(os.getProcessCpuTime(), allocated, calls, bytes);
        }
    }

    private static long size(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }
}
