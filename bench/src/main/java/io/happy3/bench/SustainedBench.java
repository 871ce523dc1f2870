package io.happy3.bench;

import io.happy3.bench.LoadGenerator.Phase;
import io.happy3.bench.Targets.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sustained processing: {@link MixedTraffic} at rising open-loop rates, sampling Happy3's inbox backlog
 * every second, up to the first rate at which the backlog grows; then the highest rate that stayed bounded
 * is held for {@code hold} seconds. End-to-end latency (receipt to processed: the issue updated and its
 * nudges planned) is read back from the inbox rows' {@code received_at} and {@code done_at} of the hold's
 * events; the ack latency of the same requests shows whether processing slows the ack path.
 */
final class SustainedBench {
    /** One rate step (or the hold): acks as the load generator saw them, the backlog second by second. */
    record Step(int rate, Phase acks, double[] backlog, double cpuSeconds) {
        /** Backlog growth per second over the step (least squares). */
        double slope() {
            int n = backlog.length;
            if (n < 2) {
                return 0;
            }
            double meanX = (n - 1) / 2.0;
            double meanY = Arrays.stream(backlog).average().orElse(0);
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                num += (i - meanX) * (backlog[i] - meanY);
                den += (i - meanX) * (i - meanX);
            }
            return num / den;
        }

        double last() {
            return backlog.length == 0 ? 0 : backlog[backlog.length - 1];
        }

        /** Bounded: grows by at most 5 % of the rate per second, and ends with at most 5 s of traffic waiting. */
        boolean bounded() {
            return backlog.length > 0 && slope() <= 0.05 * rate && last() <= 5.0 * rate;
        }
    }

    /** What one target did. */
    record Result(Target target, String loadBefore, String loadAfter, double ready, List<Step> steps, Step hold,
                  boolean holdBounded, double processedPerSecond, long[] endToEndMillis, long unprocessed,
                  double rssMiB, double peakRssMiB, Map<String, Long> rows, Map<String, Long> slackCalls) {
    }

    private final Settings settings;
    private final Targets targets;
    private final SlackRequests requests;
    private final FakeSlack slack;
    private final LoadGenerator generator;
    private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);

    SustainedBench(Settings settings, Targets targets, FakeSlack slack) {
        this.settings = settings;
        this.targets = targets;
        this.requests = new SlackRequests(slack);
        this.slack = slack;
        this.generator = new LoadGenerator(Targets.SECRET, settings.integer("connections"));
    }

    String run() throws Exception {
        List<Result> results = new ArrayList<>();
        for (Target target : List.of(Targets.H2, Targets.POSTGRES)) {
            if (settings.targets().contains(target.key())) {
                results.add(measure(target));
            }
        }
        return SustainedReport.markdown(results, settings, targets, run);
    }

    private Result measure(Target target) throws Exception {
        String loadBefore = Machine.load();
        System.out.printf("%n== sustained: %s (load average %s)%n", target.label(), loadBefore);
        // H2 with AUTO_SERVER, so that the bench can read nudge ids and the inbox while the server runs.
        Map<String, String> env = target == Targets.H2
                ? Map.of("HAPPY3_DB_URL", "jdbc:h2:file:./data/happy3;AUTO_SERVER=TRUE") : Map.of();
        try (Targets.Started started = targets.start(target, env);
             PendingNudges nudges = new PendingNudges(databaseUrl(started))) {
            ServerProcess server = started.process;
            System.out.printf("ready after %.2f s (pid %d, log %s)%n", server.readySeconds(), server.pid(), server.log());
            MixedTraffic traffic = new MixedTraffic(run, requests, nudges);
            setUpChannels(server, databaseUrl(started));
            nudges.start();
            traffic.phase("W");
            List<Integer> rates = settings.rates("steps");
            step(server, traffic, "warm-up", rates.get(0), settings.seconds("sustainedWarmup"));
            drain(server);
            List<Step> steps = climb(server, traffic, rates);
            Optional<Step> best = steps.stream().filter(Step::bounded).reduce((first, second) -> second);
            int holdRate = best.map(Step::rate).orElse(rates.get(0));
            traffic.phase("H");
            double backlogBefore = server.metric("happy3_inbox_backlog").orElse(0.0);
            Map<String, Long> callsBefore = slack.calls();
            Step hold = step(server, traffic, "hold " + holdRate + "/s", holdRate, settings.seconds("hold"));
            Map<String, Long> slackCalls = new java.util.TreeMap<>();
            slack.calls().forEach((method, count) -> {
                long during = count - callsBefore.getOrDefault(method, 0L);
                if (during > 0) {
                    // each command's response_url is a path of its own: counted as one kind of call
                    slackCalls.merge(method.startsWith("/commands/") ? "response_url" : method, during, Long::sum);
                }
            });
            double processed = (hold.acks().requests() + backlogBefore - hold.last()) / hold.acks().seconds();
            String loadAfter = Machine.load();
            drain(server);
            long[] latencies = endToEnd(started, traffic.prefix("H"));
            long unprocessed = hold.acks().requests() - hold.acks().errors() - latencies.length;
            Map<String, Long> rows = rows(databaseUrl(started));
            nudges.close();
            return new Result(target, loadBefore, loadAfter, server.readySeconds(), steps, hold, best.isPresent(),
                    processed, latencies, unprocessed, server.rssMiB(), server.peakRssMiB(), rows, slackCalls);
        }
    }

    /** Each rate in turn (the backlog drained in between) up to and including the first whose backlog grows. */
    private List<Step> climb(ServerProcess server, MixedTraffic traffic, List<Integer> rates) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (int rate : rates) {
            traffic.phase("S" + rate);
            Step step = step(server, traffic, "step " + rate + "/s", rate, settings.seconds("step"));
            steps.add(step);
            drain(server);
            if (!step.bounded()) {
                break;
            }
        }
        return steps;
    }

    /** Each channel followed (default playbook) with its four agents, set up by a workspace admin. */
    private void setUpChannels(ServerProcess server, String url) throws Exception {
        for (int c = 0; c < MixedTraffic.CHANNELS; c++) {
            String channel = "C0BENCH" + c;
            StringBuilder agents = new StringBuilder();
            for (int j = 0; j < MixedTraffic.AGENTS_PER_CHANNEL; j++) {
                agents.append("<@").append(MixedTraffic.agent(c, j)).append("> ");
            }
            String admin = FakeSlack.ADMIN_PREFIX + "1";
            check(generator.once(server.port(), requests.command(run + "f" + c, channel, admin, "/happy3", "follow")));
            check(generator.once(server.port(), requests.command(run + "a" + c, channel, admin, "/happy3",
                    "agents " + agents.toString().strip())));
        }
        drain(server);
        long followed = followedChannels(url);
        if (followed < MixedTraffic.CHANNELS) {
            throw new IllegalStateException("only " + followed + " of " + MixedTraffic.CHANNELS + " channels followed "
                    + "after the set-up commands (refused? see " + server.log() + ")");
        }
        System.out.printf("followed %d channels, %d agents each%n", followed, MixedTraffic.AGENTS_PER_CHANNEL);
    }

    private static long followedChannels(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from channel_settings where followed = true");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("set-up command answered " + status);
        }
    }

    /** One open-loop phase at {@code rate}, with the backlog sampled every second. */
    private Step step(ServerProcess server, MixedTraffic traffic, String label, int rate, Duration duration)
            throws InterruptedException {
        List<Double> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> server.metric("happy3_inbox_backlog").ifPresent(samples::add), 1, 1,
                TimeUnit.SECONDS);
        double cpu = server.cpuSeconds();
        Phase acks = generator.run(server.port(), label, duration, rate, traffic);
        sampler.shutdownNow();
        sampler.awaitTermination(15, TimeUnit.SECONDS);
        double[] backlog;
        synchronized (samples) {
            backlog = samples.stream().mapToDouble(Double::doubleValue).toArray();
        }
        Step step = new Step(rate, acks, backlog, server.cpuSeconds() - cpu);
        System.out.printf("%s  backlog %.0f -> %.0f (%+.1f/s) %s%n", Report.phaseLine(acks),
                backlog.length == 0 ? Double.NaN : backlog[0], step.last(), step.slope(),
                step.bounded() ? "bounded" : "GROWING");
        return step;
    }

    /** Waits at most {@code drain} seconds for the backlog to empty. */
    private void drain(ServerProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + settings.seconds("drain").toNanos();
        Optional<Double> backlog = server.metric("happy3_inbox_backlog");
        while (backlog.orElse(0.0) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            backlog = server.metric("happy3_inbox_backlog");
        }
        if (backlog.orElse(0.0) > 0) {
            System.out.printf("  backlog still %.0f after %s s of draining%n", backlog.get(), settings.get("drain"));
        }
    }

    private String databaseUrl(Targets.Started started) {
        return started.schema != null ? started.schemaUrl()
                : "jdbc:h2:file:" + started.dir.resolve("data/happy3") + ";AUTO_SERVER=TRUE";
    }

    /** {@code done_at - received_at} of every processed inbox row of the hold, sorted, in milliseconds. */
    private long[] endToEnd(Targets.Started started, String prefix) throws SQLException {
        List<Long> millis = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl(started));
             PreparedStatement statement = connection.prepareStatement("select received_at, done_at from inbox "
                     + "where event_id like ? and status = 'DONE'")) {
            statement.setString(1, prefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    millis.add(rows.getTimestamp(2).getTime() - rows.getTimestamp(1).getTime());
                }
            }
        }
        return millis.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** What the run left in the database: issues, issue events, nudges, inbox rows by status. */
    private static Map<String, Long> rows(String url) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url)) {
            for (String query : List.of("select 'issues', count(*) from issues",
                    "select 'issue events', count(*) from issue_events", "select 'nudges', count(*) from nudges",
                    "select 'inbox ' || status, count(*) from inbox group by status")) {
                try (PreparedStatement statement = connection.prepareStatement(query);
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
        }
        return counts;
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("steps", "25,50,100,200,400,700,1000,1500,2000");
        defaults.put("step", "30");
        defaults.put("hold", "300");
        defaults.put("sustainedWarmup", "20");
        return defaults;
    }
}
