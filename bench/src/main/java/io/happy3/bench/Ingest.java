package io.happy3.bench;

import io.happy3.bench.LoadGenerator.Phase;
import io.happy3.bench.LoadGenerator.Request;
import io.happy3.bench.Targets.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ingest: the same load against each target in turn. Per target: start (timed to /readyz), warm-up at
 * saturation, the measured saturation phase, a bounded wait for Happy3's inbox backlog to drain (which
 * also gives its processing rate), then each fixed rate; RSS after the runs.
 */
final class Ingest {
    /** Non-ASCII on purpose: umlauts, Cyrillic, CJK and an emoji outside the BMP. */
    private static final String TEXT = "Der CSV-Export schlägt seit heute früh fehl — ошибка 500, 导出失败 🙁 (#%d)";

    /** What one target did. */
    record Result(Target target, double readySeconds, String loadBefore, String loadDuring, Phase warmup,
                  Phase saturation, double saturationCpuPer1000, Optional<Double> backlogAfterSaturation,
                  Optional<Double> drainRate, Optional<Double> backlogAfterDrain, List<Phase> fixed,
                  List<Optional<Double>> backlogBeforeFixed, List<Double> fixedCpuPer1000, double rssMiB,
                  double peakRssMiB) {
    }

    private final Settings settings;
    private final Targets targets;
    private final LoadGenerator generator;
    private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);

    private final FakeSlack slack;

    Ingest(Settings settings, Targets targets, LoadGenerator generator, FakeSlack slack) {
        this.slack = slack;
        this.settings = settings;
        this.targets = targets;
        this.generator = generator;
    }

    /** Signed message.channels events, each its own event id, across 50 channels and 1,000 customers. */
    LoadGenerator.Traffic messages() {
        return n -> {
            long seconds = 1_800_000_000L + n / 1000;
            String ts = seconds + "." + String.format("%06d", n % 1_000_000);
            return SlackRequests.message("Ev" + run + "N" + n, "C0BENCH" + (n % 50), "U0CUST" + (n % 1000),
                    String.format(TEXT, n), ts, null);
        };
    }

    List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        for (Target target : Targets.ALL) {
            if (settings.targets().contains(target.key())) {
                results.add(measure(target));
            }
        }
        return results;
    }

    private Result measure(Target target) throws Exception {
        String loadBefore = Machine.load();
        System.out.printf("%n== %s (load average %s)%n", target.label(), loadBefore);
        try (Targets.Started started = targets.start(target, Map.of())) {
            ServerProcess server = started.process;
            System.out.printf("ready after %.2f s (pid %d, log %s)%n", server.readySeconds(), server.pid(),
                    server.log());
            Phase warmup = phase(server, "warm-up", settings.seconds("warmup"), 0);
            double cpu = server.cpuSeconds();
            Phase saturation = phase(server, "saturation", settings.seconds("saturation"), 0);
            double saturationCpu = (server.cpuSeconds() - cpu) * 1000 / Math.max(1, saturation.requests());
            String loadDuring = Machine.load();
            Optional<Double> backlog = server.metric("happy3_inbox_backlog");
            Optional<Double> drainRate = Optional.empty();
            Optional<Double> afterDrain = backlog;
            if (backlog.isPresent()) {
                long start = System.nanoTime();
                long deadline = start + settings.seconds("drain").toNanos();
                while (afterDrain.orElse(0.0) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    afterDrain = server.metric("happy3_inbox_backlog");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (seconds > 0.4 && afterDrain.isPresent()) {
                    drainRate = Optional.of((backlog.get() - afterDrain.get()) / seconds);
                }
                System.out.printf("inbox backlog after saturation %.0f, after %.0f s of draining %.0f (%.0f events/s"
                        + " processed)%n", backlog.get(), seconds, afterDrain.orElse(Double.NaN),
                        drainRate.orElse(Double.NaN));
            }
            List<Phase> fixed = new ArrayList<>();
            List<Optional<Double>> backlogs = new ArrayList<>();
            List<Double> fixedCpu = new ArrayList<>();
            for (int rate : settings.rates()) {
                backlogs.add(server.metric("happy3_inbox_backlog"));
                double before = server.cpuSeconds();
                Phase phase = phase(server, "fixed " + rate + "/s", settings.seconds("fixed"), rate);
                fixed.add(phase);
                fixedCpu.add((server.cpuSeconds() - before) * 1000 / Math.max(1, phase.requests()));
            }
            double rss = server.rssMiB();
            double peak = server.peakRssMiB();
            System.out.printf("RSS %.0f MiB (peak %.0f MiB); fake Slack Web API calls so far %s%n", rss, peak,
                    slack.calls());
            return new Result(target, server.readySeconds(), loadBefore, loadDuring, warmup, saturation, saturationCpu,
                    backlog, drainRate, afterDrain, fixed, backlogs, fixedCpu, rss, peak);
        }
    }

    private Phase phase(ServerProcess server, String label, Duration duration, int rate) throws InterruptedException {
        Phase phase = generator.run(server.port(), label, duration, rate, messages());
        System.out.println(Report.phaseLine(phase));
        return phase;
    }

    /** The markdown section for these results. */
    static String markdown(List<Result> results, Settings settings, Targets targets, String command, String commit,
                           String postgres) {
        Report report = new Report();
        report.line("### Ingest beside bare Bolt, " + Report.now() + " (commit " + commit + ")");
        report.line("");
        report.line("- Machine: " + Machine.describe() + "; " + postgres + " on the same machine.");
        report.line("- Command: `" + command + "`" + (settings.changed().isEmpty() ? " (default settings)" : "")
                + ". Server JVM options: " + targets.jvmOptions() + ".");
        report.line("- Load generator: one process (the bench driver), used unchanged for every target: "
                + settings.get("connections") + " keep-alive connections, signed `message.channels` events with "
                + "distinct event ids and non-ASCII text; per target a " + settings.get("warmup") + " s warm-up at "
                + "saturation, " + settings.get("saturation") + " s at saturation, then " + settings.get("fixed")
                + " s open-loop at each fixed rate (latency from each request's scheduled send time).");
        report.line("- The machine is shared with other builds: the load average (1/5/15 min) is recorded before "
                + "each target starts and right after its saturation phase.");
        report.line("");
        Result bolt = results.stream().filter(r -> r.target() == Targets.BOLT).findFirst().orElse(null);
        List<Integer> rates = settings.rates();
        StringBuilder head = new StringBuilder("| target | saturation | ratio to bare Bolt |");
        StringBuilder rule = new StringBuilder("| --- | ---: | ---: |");
        for (int rate : rates) {
            head.append(" p99 at ").append(Report.count(rate)).append("/s |");
            rule.append(" ---: |");
        }
        head.append(" errors | RSS after the runs (peak) | ready after start | load before → during |");
        rule.append(" ---: | ---: | ---: | --- |");
        report.line(head.toString());
        report.line(rule.toString());
        for (Result r : results) {
            StringBuilder row = new StringBuilder("| " + r.target().label() + " | "
                    + Report.count(Math.round(r.saturation().throughput())) + "/s | "
                    + (bolt == null ? "—" : String.format("%.2f", r.saturation().throughput()
                    / bolt.saturation().throughput())) + " |");
            long errors = r.saturation().errors();
            for (Phase phase : r.fixed()) {
                row.append(' ').append(Report.millis(phase.percentileMillis(0.99))).append(" |");
                errors += phase.errors();
            }
            row.append(' ').append(errors).append(" | ").append(String.format("%.0f MiB (%.0f MiB)", r.rssMiB(),
                    r.peakRssMiB())).append(" | ").append(String.format("%.2f s", r.readySeconds())).append(" | ")
                    .append(r.loadBefore()).append(" → ").append(r.loadDuring()).append(" |");
            report.line(row.toString());
        }
        report.line("");
        report.line("Raw figures (server CPU is the user + system time of the server process divided by the requests of the phase; the "
                + "inbox backlog is Happy3's `happy3_inbox_backlog` gauge):");
        report.line("");
        report.line("| target | phase | requests | throughput | p50 | p99 | p99.9 | max | errors | server CPU per request |"
                + " inbox backlog |");
        report.line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        for (Result r : results) {
            report.line(Report.phaseRow(r.target().label(), r.warmup(), null, ""));
            report.line(Report.phaseRow(r.target().label(), r.saturation(), r.saturationCpuPer1000(),
                    r.backlogAfterSaturation().map(b -> String.format("%,.0f after", b)).orElse("—")));
            for (int i = 0; i < r.fixed().size(); i++) {
                report.line(Report.phaseRow(r.target().label(), r.fixed().get(i), r.fixedCpuPer1000().get(i),
                        r.backlogBeforeFixed().get(i).map(b -> String.format("%,.0f before", b)).orElse("—")));
            }
        }
        List<Result> happy3 = results.stream().filter(r -> r.drainRate().isPresent()).toList();
        if (!happy3.isEmpty()) {
            report.line("");
            report.line("Inbox processing after the saturation phase (the worker drains what the ack path wrote; "
                    + "waited at most " + settings.get("drain") + " s):");
            report.line("");
            for (Result r : happy3) {
                report.line(String.format("- %s: %,.0f entries waiting after saturation, %,.0f after the wait; "
                                + "drained at %,.0f entries/s.", r.target().label(), r.backlogAfterSaturation().get(),
                        r.backlogAfterDrain().orElse(Double.NaN), r.drainRate().get()));
            }
        }
        return report.toString();
    }

    static Map<String, String> none() {
        return new LinkedHashMap<>();
    }
}
