package io.happy3.adapter.signalmodel;

import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.SignalDetector;
import io.happy3.domain.signal.ThreadContext;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints how fast the detector (rules + bundled model, with thread context) reads messages on one thread: model
 * load time, then per-message latency percentiles and throughput over the corpus's held-out threads.
 * Run it as a program (BENCHMARKS.md), not as a test: {@code java … SignalDetectorBenchmark [passes] [--rules-only]}.
 */
public final class SignalDetectorBenchmark {
    private SignalDetectorBenchmark() {
    }

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        boolean rulesOnly = args.length > 1 && args[1].equals("--rules-only"); // the default detector of serve
        long loadStart = System.nanoTime();
        SignalDetector detector = rulesOnly ? SignalDetector.builtIn()
                : SignalDetector.builtIn().withModel(LinearSignalModel.bundled());
        double loadMillis = (System.nanoTime() - loadStart) / 1e6;
        List<LabelledCorpus.Thread> threads = LabelledCorpus.read(Path.of("eval/signals/test.labels.jsonl"),
                Path.of("eval/signals/test.threads.jsonl"));
        int perPass = threads.stream().mapToInt(thread -> thread.turns().size()).sum();
        run(detector, threads, 3); // warm-up
        long[] latencies = new long[perPass * passes];
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        int n = 0;
        for (int pass = 0; pass < passes; pass++) {
            n = measure(detector, threads, latencies, n);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "model load %.0f ms; %d messages (%d passes over %d held-out turns) on one "
                        + "thread%n", loadMillis, n, passes, perPass);
        System.out.printf(Locale.ROOT, "throughput %.0f messages/s; p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                n / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999),
                latencies[latencies.length - 1] / 1e6);
        // On a shared machine the wall-clock tail is mostly time spent waiting for a core; CPU time is the cost.
        System.out.printf(Locale.ROOT, "cpu time %.3f ms per message on average (%.0f messages per cpu-second)%n",
                cpuSeconds * 1000 / n, n / cpuSeconds);
    }

    private static void run(SignalDetector detector, List<LabelledCorpus.Thread> threads, int passes) {
        for (int pass = 0; pass < passes; pass++) {
            measure(detector, threads, new long[threads.stream().mapToInt(t -> t.turns().size()).sum()], 0);
        }
    }

    private static int measure(SignalDetector detector, List<LabelledCorpus.Thread> threads, long[] latencies,
                               int from) {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, ZoneOffset.UTC);
        int n = from;
        for (LabelledCorpus.Thread thread : threads) {
            ThreadContext context = ThreadContext.empty();
            for (LabelledCorpus.Turn turn : thread.turns()) {
                long begin = System.nanoTime();
                List<DetectedSignal> found = detector.detect(turn.text(), turn.role(), now, context);
                context = context.then(new ThreadContext.Turn(turn.role(), now.toInstant(),
                        found.stream().map(DetectedSignal::signal).collect(Collectors.toSet()),
                        Cue.of(turn.text(), turn.role())));
                latencies[n++] = System.nanoTime() - begin;
            }
        }
        return n;
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
