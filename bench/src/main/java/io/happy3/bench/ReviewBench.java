package io.happy3.bench;

import io.happy3.bench.LoadGenerator.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code /review} over a synthetic year on PostgreSQL: {@code reviewIssues} issues spread evenly over the
 * 365 days before now, ten events each (opened, replies, a fix claim, the customer's confirmation, the
 * follow-up) across 200 agents and 50 channels. Each review is a signed slash command to Happy3
 * {@code serve}; its latency runs from sending the command to the answer arriving at the fake's
 * {@code response_url}, so it includes the ack, the inbox and the whole review.
 */
final class ReviewBench {
    private final Settings settings;
    private final Targets targets;
    private final FakeSlack slack;

    ReviewBench(Settings settings, Targets targets, FakeSlack slack) {
        this.settings = settings;
        this.targets = targets;
        this.slack = slack;
    }

    String run() throws Exception {
        int issues = settings.integer("reviewIssues");
        int reviews = settings.integer("reviews");
        // reviewSchema=NAME keeps the seeded year in that schema (seeded only while it holds no issue), so that
        // later runs and EXPLAIN sessions reuse it; without it a fresh schema is seeded and dropped.
        boolean keep = !settings.get("reviewSchema").isBlank();
        String schema = keep ? settings.get("reviewSchema")
                : "bench_review_" + Long.toString(System.currentTimeMillis(), 36);
        if (!keep || !targets.schemaExists(schema)) {
            targets.createSchema(schema);
        }
        String url = targets.schemaUrl(schema);
        Map<String, String> env = Map.of("HAPPY3_DB_URL", url);
        String loadBefore = Machine.load();
        try {
            try (Targets.Started first = targets.start(Targets.POSTGRES, env)) {
                System.out.printf("migrated schema %s%n", schema);
            }
            long seedStart = System.nanoTime();
            int stored = issueCount(url);
            if (stored == 0) {
                seed(url, issues, Instant.now());
            } else {
                issues = stored;
            }
            double seedSeconds = stored == 0 ? (System.nanoTime() - seedStart) / 1e9 : 0;
            forgetTallies(url);
            System.out.printf("seeded %,d issues and %,d events in %.0f s%s%n", issues, issues * 10L, seedSeconds,
                    stored == 0 ? "" : " (kept from an earlier run in " + schema + ")");
            Map<String, List<Double>> latencies = new LinkedHashMap<>();
            Map<String, Double> cpu = new LinkedHashMap<>();
            Map<String, Double> firsts = new LinkedHashMap<>();
            double rss;
            double ready;
            try (Targets.Started started = targets.start(Targets.POSTGRES, env)) {
                ready = started.process.readySeconds();
                LoadGenerator generator = new LoadGenerator(Targets.SECRET, 1);
                BlockingQueue<Long> answers = new ArrayBlockingQueue<>(16);
                slack.onCall(call -> {
                    if (call.method().startsWith("/commands/")) {
                        answers.offer(System.nanoTime());
                    }
                });
                // Trigger ids unique per run: a kept schema's inbox would drop a rerun's commands as duplicates.
                String run = Long.toString(System.currentTimeMillis(), 36);
                for (String text : List.of("", "last-week")) {
                    List<Double> times = new ArrayList<>();
                    double cpuBefore = 0;
                    for (int i = 0; i < reviews + 1; i++) {
                        if (i == 1) {
                            cpuBefore = started.process.cpuSeconds();
                        }
                        answers.clear();
                        long sent = System.nanoTime();
                        int status = generator.once(started.process.port(), new SlackRequests(slack).command("rv" + run + i + text,
                                "C0BENCHDM", FakeSlack.ADMIN_PREFIX + "1", "/review", text));
                        if (status != 200) {
                            throw new IllegalStateException("/review answered " + status);
                        }
                        // The first review of each kind tallies its weeks from a fortnight's histories: minutes on
                        // a loaded machine at the full year.
                        int wait = i == 0 ? 900 : 120;
                        Long answered = answers.poll(wait, TimeUnit.SECONDS);
                        if (answered == null) {
                            throw new IllegalStateException("no answer to /review " + text + " within " + wait + " s; log "
                                    + started.process.log());
                        }
                        double millis = (answered - sent) / 1e6;
                        System.out.printf("/review %s: %.0f ms%s%n", text, millis, i == 0 ? " (first, not counted)" : "");
                        if (i > 0) {
                            times.add(millis);
                        } else {
                            firsts.put("/review" + (text.isEmpty() ? "" : " " + text), millis);
                        }
                    }
                    latencies.put("/review" + (text.isEmpty() ? "" : " " + text), times);
                    // Server CPU (user + system) per counted review: steadier than the latency on a shared machine.
                    cpu.put("/review" + (text.isEmpty() ? "" : " " + text),
                            (started.process.cpuSeconds() - cpuBefore) / reviews);
                }
                slack.onCall(call -> { });
                rss = started.process.rssMiB();
            }
            return markdown(issues, seedSeconds, loadBefore, ready, rss, latencies, cpu, firsts);
        } finally {
            if (!keep) {
                targets.dropSchema(schema);
            }
        }
    }

    /**
     * Drops the review's stored week tallies (V30) that an earlier run on a kept schema left, so that the first review
     * of each kind tallies its weeks as on a fresh schema (that first review is reported apart).
     */
    private static void forgetTallies(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("delete from review_tallies");
            statement.execute("delete from review_weeks");
            statement.execute("update issues set review_from = null where review_from is not null");
        }
    }

    private static int issueCount(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("select count(*) from issues")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A year of issues ending at {@code now}: ten events each, the last a follow-up. */
    static void seed(String url, int issues, Instant now) throws SQLException {
        Instant start = now.minus(Duration.ofDays(365));
        double spacing = Duration.ofDays(365).minusDays(4).getSeconds() / (double) issues;
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("set synchronous_commit = off");
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into issues (id, platform, tenant, channel, root_message_id, customer_platform,
                      customer_tenant, customer_id, playbook_id, state, opened_at, last_activity_at,
                      agent_platform, agent_tenant, agent_id)
                    select 'SLACK:T0BENCH01:C0BENCH' || (g % 50) || ':r' || g, 'SLACK', 'T0BENCH01', 'C0BENCH' || (g % 50),
                      'r' || g, 'SLACK', 'T0BENCH01', 'U0CUST' || (g % 5000), 'default', 'FOLLOWED_UP',
                      ?::timestamptz + g * ? * interval '1 second',
                      ?::timestamptz + g * ? * interval '1 second' + interval '3 days 2 hours',
                      'SLACK', 'T0BENCH01', 'U0AGENT' || (g % 200)
                    from generate_series(1, ?) g""")) {
                insert.setTimestamp(1, Timestamp.from(start));
                insert.setDouble(2, spacing);
                insert.setTimestamp(3, Timestamp.from(start));
                insert.setDouble(4, spacing);
                insert.setInt(5, issues);
                insert.executeUpdate();
            }
            // seq: 0 opened, 1 agent, 2 customer, 3 agent, 4 customer, 5 agent, 6 fix claim, 7 customer,
            // 8 the customer's confirmation, 9 the follow-up three days later.
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into issue_events (issue_id, seq, event_type, occurred_at, actor_platform, actor_tenant,
                      actor_id, message_id, rule_name, evidence)
                    select i.id, s,
                      case s when 0 then 'ISSUE_OPENED' when 6 then 'RESOLUTION_PROPOSED' when 8 then 'CUSTOMER_CONFIRMED'
                        when 9 then 'FOLLOWED_UP' else case when s % 2 = 1 then 'AGENT_REPLIED' else 'CUSTOMER_REPLIED' end end,
                      i.opened_at + case s when 9 then interval '3 days 2 hours' else s * interval '9 minutes' end,
                      'SLACK', 'T0BENCH01',
                      case when s in (0, 2, 4, 7, 8) then i.customer_id else i.agent_id end,
                      i.root_message_id || '.' || s,
                      case s when 0 then 'builtin:opened' when 6 then 'playbook:default:deployed a fix'
                        when 8 then 'playbook:default:works now' when 9 then 'builtin:follow-up' else 'builtin:reply' end,
                      case s when 8 then 'CUSTOMER_WORDS' end
                    from issues i cross join generate_series(0, 9) s""")) {
                insert.executeUpdate();
            }
            statement.execute("analyze");
        }
    }

    private String markdown(int issues, double seedSeconds, String loadBefore, double ready, double rss,
                            Map<String, List<Double>> latencies, Map<String, Double> cpu, Map<String, Double> firsts) {
        Report report = new Report();
        report.line("### Review over a synthetic year, " + Report.now() + " (commit " + Machine.run(settings.root(),
                "git", "rev-parse", "--short", "HEAD") + ")");
        report.line("");
        report.line("- Machine: " + Machine.describe() + "; " + targets.postgresVersion() + "; load average "
                + loadBefore + " before, " + Machine.load() + " after.");
        report.line("- Command: `" + System.getenv().getOrDefault("BENCH_COMMAND", "bench/run review") + "`. Server "
                + "JVM options: " + targets.jvmOptions() + ".");
        report.line(String.format(Locale.ROOT, "- Data: %,d issues over the 365 days before the run (about %,d a week), "
                + "%,d events (ten per issue), 200 agents, 50 channels, seeded in %.0f s. Happy3 restarted on it: ready "
                + "after %.2f s; RSS %.0f MiB after the reviews.", issues, issues / 52, issues * 10L, seedSeconds,
                ready, rss));
        report.line("- Latency: from sending the signed slash command to its answer arriving at the fake "
                + "`response_url` (ack, inbox and the review); the first of each kind is not counted.");
        report.line("");
        report.line("| command | reviews | p50 | p95 | max | server CPU per review | the first (tallies its weeks; not counted) |");
        report.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        latencies.forEach((command, times) -> {
            List<Double> sorted = times.stream().sorted().toList();
            report.line(String.format(Locale.ROOT, "| `%s` (tenant-wide) | %d | %s | %s | %s | %s | %s |", command,
                    sorted.size(), Report.millis(at(sorted, 0.5)), Report.millis(at(sorted, 0.95)),
                    Report.millis(sorted.get(sorted.size() - 1)), Report.millis(cpu.get(command) * 1000),
                    Report.millis(firsts.get(command))));
        });
        return report.toString();
    }

    private static double at(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("reviewIssues", "1000000");
        defaults.put("reviews", "20");
        defaults.put("reviewSchema", "");
        return defaults;
    }
}
