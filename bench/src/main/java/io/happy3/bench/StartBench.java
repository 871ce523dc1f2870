package io.happy3.bench;

import io.happy3.bench.Targets.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Start time and memory at rest: each target started {@code starts} times (the first Happy3 start
 * creates the schema, the later ones start on it), timed from spawning the process to {@code /readyz} =
 * 200, with the RSS a few seconds after. With {@code profile=true} the last start of each Happy3 target
 * runs under JFR, and the main thread's time until ready is split by the Happy3 call it was in.
 */
final class StartBench {
    record Run(double readySeconds, double rssMiB, double cpuSeconds, boolean profiled) {
    }

    record Result(Target target, List<Run> runs, Map<String, Double> profile) {
    }

    private final Settings settings;
    private final Targets targets;

    StartBench(Settings settings, Targets targets) {
        this.settings = settings;
        this.targets = targets;
    }

    String run() throws Exception {
        String loadBefore = Machine.load();
        List<Result> results = new ArrayList<>();
        for (Target target : Targets.ALL) {
            if (settings.targets().contains(target.key())) {
                results.add(measure(target));
            }
        }
        return markdown(results, loadBefore);
    }

    private Result measure(Target target) throws Exception {
        int starts = settings.integer("starts");
        List<Run> runs = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        String schema = null;
        Path h2 = Files.createTempDirectory("happy3-bench-start-");
        if (target == Targets.POSTGRES) {
            schema = "bench_start_" + Long.toString(System.currentTimeMillis(), 36);
            targets.createSchema(schema);
            env.put("HAPPY3_DB_URL", targets.schemaUrl(schema));
        } else if (target == Targets.H2) {
            env.put("HAPPY3_DB_URL", "jdbc:h2:file:" + h2.resolve("happy3"));
        }
        Map<String, Double> profile = Map.of();
        try {
            for (int i = 0; i < starts; i++) {
                boolean profiled = target.happy3() && settings.get("profile").equals("true") && i == starts - 1;
                Path jfr = h2.resolve("start.jfr");
                Map<String, String> extra = new LinkedHashMap<>(env);
                if (profiled) {
                    extra.put("JAVA_TOOL_OPTIONS", "-XX:FlightRecorderOptions:stackdepth=256 "
                            + "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
                }
                try (Targets.Started started = targets.start(target, extra)) {
                    // CPU (user + system, all threads) until ready: on a shared machine steadier than the wall time.
                    double cpu = started.process.cpuSeconds();
                    Thread.sleep(3_000);
                    Run run = new Run(started.process.readySeconds(), started.process.rssMiB(), cpu, profiled);
                    runs.add(run);
                    System.out.printf("%s start %d: ready after %.2f s, CPU %.2f s, RSS %.0f MiB%s%n", target.label(),
                            i + 1, run.readySeconds(), cpu, run.rssMiB(), profiled ? " (under JFR)" : "");
                }
                if (profiled) {
                    profile = mainThread(jfr, runs.get(runs.size() - 1).readySeconds());
                }
            }
        } finally {
            if (schema != null) {
                targets.dropSchema(schema);
            }
        }
        return new Result(target, runs, profile);
    }

    /**
     * The main thread's samples (10 ms each, while running Java) and socket reads until ready, by the
     * Happy3 method under {@code Serve.start} (or the outermost Happy3 frame before it) they were in.
     */
    static Map<String, Double> mainThread(Path jfr, double readySeconds) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        java.time.Instant first = events.stream().map(RecordedEvent::getStartTime).min(Comparator.naturalOrder())
                .orElse(java.time.Instant.EPOCH);
        for (RecordedEvent event : events) {
            String type = event.getEventType().getName();
            boolean sample = type.equals("jdk.ExecutionSample");
            if (!sample && !type.equals("jdk.SocketRead")) {
                continue;
            }
            var thread = sample ? event.getThread("sampledThread") : event.getThread();
            if (thread == null || !"main".equals(thread.getJavaName()) || event.getStackTrace() == null) {
                continue;
            }
            String bucket = bucket(event.getStackTrace().getFrames()) + (sample ? " (CPU)" : " (waiting on a socket)");
            double amount = sample ? 0.010 : event.getDuration().toNanos() / 1e9;
            seconds.merge(bucket, amount, Double::sum);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        sorted.put("(JFR's own start before the first event, not counted)", Double.NaN);
        return sorted;
    }

    private static String bucket(List<RecordedFrame> frames) {
        String outer = null;
        for (int i = frames.size() - 1; i >= 0; i--) {
            String type = frames.get(i).getMethod().getType().getName();
            String method = frames.get(i).getMethod().getName();
            if (!type.startsWith("io.happy3")) {
                continue;
            }
            String name = type.substring(type.lastIndexOf('.') + 1) + "." + method;
            if (type.equals("io.happy3.cli.Serve") && method.equals("start")) {
                for (int j = i - 1; j >= 0; j--) {
                    String callee = frames.get(j).getMethod().getType().getName();
                    boolean lambda = callee.contains("$$Lambda") || frames.get(j).getMethod().getName()
                            .startsWith("lambda$");
                    if (callee.startsWith("io.happy3") && !lambda && !callee.equals("io.happy3.cli.Serve")) {
                        return "Serve.start → " + callee.substring(callee.lastIndexOf('.') + 1) + "."
                                + frames.get(j).getMethod().getName();
                    }
                }
                return "Serve.start → (libraries)";
            }
            if (!type.equals("io.happy3.Main") && !type.equals("io.happy3.cli.Cli")) {
                outer = outer == null ? name : outer;
            }
        }
        return outer == null ? "(JVM and class loading outside Happy3 code)" : outer;
    }

    private String markdown(List<Result> results, String loadBefore) {
        Report report = new Report();
        report.line("### Start and memory at rest, " + Report.now() + " (commit " + Machine.run(settings.root(), "git",
                "rev-parse", "--short", "HEAD") + ")");
        report.line("");
        report.line("- Machine: " + Machine.describe() + "; " + targets.postgresVersion() + "; load average "
                + loadBefore + " before, " + Machine.load() + " after.");
        report.line("- Command: `" + System.getenv().getOrDefault("BENCH_COMMAND", "bench/run start") + "`. Server JVM "
                + "options: " + targets.jvmOptions() + ". Each start is timed from spawning the process to the first "
                + "`/readyz` = 200; RSS 3 s later. Happy3's first start creates the schema, the later ones start on it.");
        report.line("");
        report.line("| target | starts | ready after start: first | median of the later | min | max | CPU until ready "
                + "(median, not under JFR) | RSS at rest (median) |");
        report.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Result result : results) {
            List<Run> runs = result.runs();
            List<Double> later = runs.subList(Math.min(1, runs.size() - 1), runs.size()).stream()
                    .map(Run::readySeconds).sorted().toList();
            List<Double> ready = runs.stream().map(Run::readySeconds).sorted().toList();
            List<Double> rss = runs.stream().map(Run::rssMiB).sorted().toList();
            List<Double> cpu = runs.stream().filter(run -> !run.profiled()).map(Run::cpuSeconds).sorted().toList();
            report.line(String.format(Locale.ROOT, "| %s | %d | %.2f s | %.2f s | %.2f s | %.2f s | %s | %.0f MiB |",
                    result.target().label(), runs.size(), runs.get(0).readySeconds(), later.get(later.size() / 2),
                    ready.get(0), ready.get(ready.size() - 1),
                    cpu.isEmpty() ? "—" : String.format(Locale.ROOT, "%.2f s", cpu.get(cpu.size() / 2)),
                    rss.get(rss.size() / 2)));
        }
        for (Result result : results) {
            if (result.profile().isEmpty()) {
                continue;
            }
            report.line("");
            report.line("Where the main thread of " + result.target().label() + " spent its start (JFR, last start):");
            report.line("");
            report.line("| main thread in | seconds |");
            report.line("| --- | ---: |");
            result.profile().forEach((bucket, secs) -> report.line("| " + bucket + " | "
                    + (secs.isNaN() ? "—" : String.format(Locale.ROOT, "%.2f", secs)) + " |"));
        }
        return report.toString();
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("starts", "5");
        defaults.put("profile", "true");
        return defaults;
    }

}
