package io.happy3.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler at scale, on PostgreSQL: {@code issues} open issues and {@code nudges} pending nudges
 * (ten per issue, across 200 agents and 50 channels), of which {@code due} fall due at the same instant
 * while Happy3 {@code serve} runs. Every delivery is counted at the fake Slack Web API by the nudge id in
 * its blocks, so a nudge delivered twice, or never, shows. A second pass does the same with per-method
 * rate limits at the fake (HTTP 429 with Retry-After).
 */
final class SchedulerBench {
    /** HikariCP's count of connection checkouts (Micrometer), on Happy3's /metrics. */
    private static final String CONNECTION_USES = "hikaricp_connections_usage_seconds_count";
    private static final Pattern NUDGE_BLOCK = Pattern.compile("\"block_id\":\"nudge:([^:\"]+):text\"");
    /** The playbook of the seeded issues: no working hours, a cap above the nudges per agent. */
    static final String PLAYBOOK = """
            id: bench
            max_nudges_per_agent_per_day: 1000
            steps:
              - id: first-response
                when: issue_opened
                unless: agent_replied
                after: 10m
                to: issue_agent
                nudge: "{customer} has waited {waited} in {channel}: {link}"
                actions: [on_it, snooze]
            """;

    /** One pass: what the fake counted and what the database says afterwards. */
    record Pass(String label, int due, int delivered, int duplicates, double seconds, double rate, long[] lagsMillis,
                Map<String, Long> calls, Map<String, Long> rateLimited, Map<String, Integer> statuses,
                double rssMiB, double cpuSeconds, double connectionUses) {
        /** Server CPU per nudge delivered, in milliseconds. */
        double cpuMillisPerDelivery() {
            return delivered == 0 ? Double.NaN : cpuSeconds * 1000 / delivered;
        }

        /** Database connection checkouts (one statement or one transaction each) per nudge delivered. */
        double connectionUsesPerDelivery() {
            return delivered == 0 ? Double.NaN : connectionUses / delivered;
        }

        /** Fake Slack Web API calls per nudge delivered. */
        double callsPerDelivery() {
            return delivered == 0 ? Double.NaN : calls.values().stream().mapToLong(Long::longValue).sum()
                    / (double) delivered;
        }

        double lag(double p) {
            if (lagsMillis.length == 0) {
                return Double.NaN;
            }
            return lagsMillis[Math.max(0, Math.min(lagsMillis.length - 1, (int) Math.ceil(p * lagsMillis.length) - 1))];
        }
    }

    private final Settings settings;
    private final Targets targets;
    private final FakeSlack slack;

    SchedulerBench(Settings settings, Targets targets, FakeSlack slack) {
        this.settings = settings;
        this.targets = targets;
        this.slack = slack;
    }

    String run() throws Exception {
        int issues = settings.integer("issues");
        int nudges = settings.integer("nudges");
        int due = Math.min(settings.integer("due"), issues);
        Duration timeout = settings.seconds("timeout");
        String schema = "bench_sched_" + Long.toString(System.currentTimeMillis(), 36);
        targets.createSchema(schema);
        String url = targets.schemaUrl(schema);
        Map<String, String> env = Map.of("HAPPY3_DB_URL", url);
        Map<String, String> playbooks = Map.of("bench.yaml", PLAYBOOK);
        String loadBefore = Machine.load();
        try {
            try (Targets.Started first = targets.start(Targets.POSTGRES, env, playbooks)) {
                System.out.printf("migrated schema %s (ready after %.2f s)%n", schema, first.process.readySeconds());
            }
            long seedStart = System.nanoTime();
            seed(url, issues, nudges);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            System.out.printf("seeded %,d issues and %,d pending nudges in %.0f s%n", issues, nudges, seedSeconds);
            Pass free;
            Pass limited = null;
            Pass steady = null;
            double ready;
            double idleRss;
            try (Targets.Started started = targets.start(Targets.POSTGRES, env, playbooks)) {
                ServerProcess server = started.process;
                ready = server.readySeconds();
                Thread.sleep(5_000);
                idleRss = server.rssMiB();
                System.out.printf("restarted on the seeded schema: ready after %.2f s, RSS %.0f MiB (pid %d, log %s)%n",
                        ready, idleRss, server.pid(), server.log());
                free = pass("no rate limit", url, server, 0, due, timeout, 0);
                int steadyRate = settings.integer("steadyRate");
                if (steadyRate > 0) {
                    int steadyCount = Math.min(issues, steadyRate * settings.integer("steadySeconds"));
                    steady = pass(String.format(Locale.ROOT, "steady: %,d/s falling due for %d s", steadyRate,
                            steadyCount / steadyRate), url, server, 2, steadyCount, timeout, steadyRate);
                }
                String limits = settings.get("limits");
                if (!limits.isBlank()) {
                    for (String limit : limits.split(",")) {
                        String[] parts = limit.split(":");
                        slack.limit(parts[0], Integer.parseInt(parts[1]));
                    }
                    limited = pass("rate limits " + limits.replace(",", ", ") + " per second", url, server, 1,
                            Math.min(due, settings.integer("limitedDue")), timeout, 0);
                    slack.clearLimits();
                }
            }
            return markdown(issues, nudges, seedSeconds, loadBefore, ready, idleRss, free, steady, limited);
        } finally {
            targets.dropSchema(schema);
        }
    }

    /**
     * Makes {@code count} nudges of occurrence {@code occurrence} due two seconds from now, all at once (rate 0) or
     * {@code rate} per second one after another, and counts their deliveries; a delivery's lag runs from its own
     * nudge's due time.
     */
    private Pass pass(String label, String url, ServerProcess server, int occurrence, int count, Duration timeout,
                      int rate) throws Exception {
        int issues = settings.integer("issues");
        Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
        long[] lags = new long[count * 2 + 16];
        AtomicInteger received = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong lastArrival = new java.util.concurrent.atomic.AtomicLong();
        Instant dueAt = Instant.now().plusSeconds(2);
        long dueMillis = dueAt.toEpochMilli();
        slack.resetCounts();
        slack.onCall(call -> {
            if (!call.method().startsWith("chat.post")) {
                return;
            }
            Matcher matcher = NUDGE_BLOCK.matcher(call.params().getOrDefault("blocks", ""));
            long now = System.currentTimeMillis();
            lastArrival.accumulateAndGet(now - dueMillis, Math::max);
            while (matcher.find()) {
                if (!ofPass(matcher.group(1), occurrence, issues)) {
                    continue; // a nudge of an earlier pass, still going out
                }
                if (delivered.computeIfAbsent(matcher.group(1), id -> new AtomicInteger()).incrementAndGet() > 1) {
                    duplicates.incrementAndGet();
                }
                int index = received.getAndIncrement();
                if (index < lags.length) {
                    lags[index] = now - dueMillis - offsetMillis(matcher.group(1), issues, rate);
                }
            }
        });
        double cpuBefore = server.cpuSeconds();
        double usesBefore = server.metric(CONNECTION_USES).orElse(Double.NaN);
        // Nudge bench-g is the (g % issues)-th of its occurrence: spread, it falls due that many 1/rate s later.
        String spread = rate == 0 ? "" : " + ((cast(substring(id from 7) as bigint) % " + issues + ") * 1000 / "
                + rate + ") * interval '1 millisecond'";
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement("update nudges set due_at = cast(? as timestamp with time zone)" + spread
                     + ", expires_at = ? where idempotency_key like ? and status = 'PENDING'"
                     + (rate == 0 ? "" : " and cast(substring(id from 7) as bigint) % " + issues + " < " + count))) {
            statement.setTimestamp(1, Timestamp.from(dueAt));
            statement.setTimestamp(2, Timestamp.from(dueAt.plus(Duration.ofDays(1))));
            statement.setString(3, "%/first-response/" + occurrence + "/0/%");
            int updated = statement.executeUpdate();
            System.out.printf("%s: %,d nudges due at %s%n", label, updated, dueAt);
            count = Math.min(count, updated);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        long lastProgress = System.nanoTime();
        while (delivered.size() < count && System.nanoTime() < deadline
                && System.nanoTime() - lastProgress < 30_000_000_000L) {
            Thread.sleep(1_000);
            int now = delivered.size();
            if (now != last) {
                lastProgress = System.nanoTime();
                last = now;
            }
            System.out.printf("  %s: %,d delivered, fake calls %s, 429s %s%n", label, now, slack.calls(),
                    slack.rateLimited());
        }
        slack.onCall(call -> { });
        int n = Math.min(received.get(), lags.length);
        long[] sorted = Arrays.copyOf(lags, n);
        Arrays.sort(sorted);
        // from the (first) due instant to the last arrival: the pass's length
        double seconds = n == 0 ? 0 : Math.max(0.001, lastArrival.get() / 1000.0);
        Map<String, Integer> statuses = statuses(url, occurrence);
        Pass pass = new Pass(label, count, delivered.size(), duplicates.get(), seconds,
                n == 0 ? 0 : delivered.size() / seconds, sorted, slack.calls(), slack.rateLimited(), statuses,
                server.rssMiB(), server.cpuSeconds() - cpuBefore,
                server.metric(CONNECTION_USES).orElse(Double.NaN) - usesBefore);
        System.out.printf("%s: %,d of %,d delivered (%d twice) in %.1f s = %.0f/s, lag p50 %.0f ms p99 %.0f ms;"
                        + " statuses %s; per delivery: %.2f ms CPU, %.2f connection uses, %.2f Slack calls%n", label,
                pass.delivered(), count, pass.duplicates(), seconds, pass.rate(), pass.lag(0.5), pass.lag(0.99),
                statuses, pass.cpuMillisPerDelivery(), pass.connectionUsesPerDelivery(), pass.callsPerDelivery());
        return pass;
    }

    /** How long after the pass's due instant nudge {@code id} fell due: 0 when all fell due at once. */
    private static long offsetMillis(String id, int issues, int rate) {
        return rate == 0 ? 0 : (Long.parseLong(id.substring(6)) % issues) * 1000 / rate;
    }

    /** Seeded nudge {@code bench-g} has occurrence {@code g / issues}. */
    private static boolean ofPass(String id, int occurrence, int issues) {
        try {
            return id.startsWith("bench-") && Long.parseLong(id.substring(6)) / issues == occurrence;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, Integer> statuses(String url, int occurrence) throws SQLException {
        Map<String, Integer> statuses = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement("select status, count(*) from nudges "
                     + "where idempotency_key like ? group by status")) {
            statement.setString(1, "%/first-response/" + occurrence + "/0/%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return statuses;
    }

    /** Open issues (one ISSUE_OPENED event each) and ten pending nudges per issue, all due in 30 days. */
    static void seed(String url, int issues, int nudges) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("set synchronous_commit = off");
            statement.execute("""
                    insert into issues (id, platform, tenant, channel, root_message_id, customer_platform,
                      customer_tenant, customer_id, playbook_id, state, opened_at, last_activity_at,
                      agent_platform, agent_tenant, agent_id)
                    select 'SLACK:T0BENCH01:C0BENCH' || (g %% 50) || ':1790000000.' || lpad(g::text, 6, '0'),
                      'SLACK', 'T0BENCH01', 'C0BENCH' || (g %% 50), '1790000000.' || lpad(g::text, 6, '0'),
                      'SLACK', 'T0BENCH01', 'U0CUST' || (g %% 1000), 'bench', 'OPEN',
                      now() - interval '1 hour', now() - interval '1 hour', 'SLACK', 'T0BENCH01', 'U0AGENT' || (g %% 200)
                    from generate_series(1, %d) g""".formatted(issues));
            statement.execute("""
                    insert into issue_events (issue_id, seq, event_type, occurred_at, actor_platform, actor_tenant,
                      actor_id, message_id, rule_name)
                    select 'SLACK:T0BENCH01:C0BENCH' || (g %% 50) || ':1790000000.' || lpad(g::text, 6, '0'), 0,
                      'ISSUE_OPENED', now() - interval '1 hour', 'SLACK', 'T0BENCH01', 'U0CUST' || (g %% 1000),
                      '1790000000.' || lpad(g::text, 6, '0'), 'bench:seed'
                    from generate_series(1, %d) g""".formatted(issues));
            // Each issue's link, as serve keeps it (V19) when the issue's first transition asks chat.getPermalink.
            statement.execute("""
                    insert into permalinks (platform, tenant, channel, message_id, url)
                    select 'SLACK', 'T0BENCH01', 'C0BENCH' || (g %% 50), '1790000000.' || lpad(g::text, 6, '0'),
                      'https://bench.slack.com/archives/C0BENCH' || (g %% 50) || '/p1790000000' || lpad(g::text, 6, '0')
                    from generate_series(1, %d) g""".formatted(issues));
            // Nudge g belongs to issue (g % issues) + 1, occurrence g / issues: occurrence 0 is one per issue.
            statement.execute("""
                    insert into nudges (id, idempotency_key, issue_id, platform, tenant, channel, playbook_id, step_id,
                      recipient_platform, recipient_tenant, recipient_id, triggered_at, due_at, expires_at,
                      repeat_count, status, attempts, late, snoozes, created_at)
                    select 'bench-' || g,
                      'SLACK:T0BENCH01:C0BENCH' || ((g %% %1$d + 1) %% 50) || ':1790000000.'
                        || lpad((g %% %1$d + 1)::text, 6, '0') || '/first-response/' || (g / %1$d) || '/0/U0AGENT'
                        || ((g %% %1$d + 1) %% 200),
                      'SLACK:T0BENCH01:C0BENCH' || ((g %% %1$d + 1) %% 50) || ':1790000000.'
                        || lpad((g %% %1$d + 1)::text, 6, '0'),
                      'SLACK', 'T0BENCH01', 'C0BENCH' || ((g %% %1$d + 1) %% 50), 'bench', 'first-response',
                      'SLACK', 'T0BENCH01', 'U0AGENT' || ((g %% %1$d + 1) %% 200), now() - interval '1 hour',
                      now() + interval '30 days', now() + interval '31 days', 0, 'PENDING', 0, false, 0, now()
                    from generate_series(0, %2$d - 1) g""".formatted(issues, nudges));
            statement.execute("analyze");
        }
    }

    private String markdown(int issues, int nudges, double seedSeconds, String loadBefore, double ready,
                            double idleRss, Pass free, Pass steady, Pass limited) {
        Report report = new Report();
        report.line("### Scheduler at scale, " + Report.now() + " (commit " + Machine.run(settings.root(), "git",
                "rev-parse", "--short", "HEAD") + ")");
        report.line("");
        report.line("- Machine: " + Machine.describe() + "; " + targets.postgresVersion() + " on the same machine; "
                + "load average " + loadBefore + " before, " + Machine.load() + " after.");
        report.line("- Command: `" + System.getenv().getOrDefault("BENCH_COMMAND", "bench/run scheduler") + "`. "
                + "Server JVM options: " + targets.jvmOptions() + ".");
        report.line(String.format(Locale.ROOT, "- Data: %,d open issues, %,d pending nudges (ten per issue, 200 agents, "
                + "50 channels; seeded in %.0f s). Happy3 restarted on it: ready after %.2f s, RSS %.0f MiB when idle.",
                issues, nudges, seedSeconds, ready, idleRss));
        report.line("");
        report.line("| pass | due at once | delivered (counted at the fake) | delivered twice | deliveries/s | "
                + "fire lag p50 | p99 | max | database afterwards | fake Slack calls | 429s | server CPU | RSS | "
                + "per delivery: CPU, connection uses, Slack calls |");
        report.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: | ---: | --- |");
        for (Pass pass : java.util.stream.Stream.of(free, steady, limited).filter(java.util.Objects::nonNull)
                .toList()) {
            report.line(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %,.0f | %s | %s | %s | %s | %s | %s | %.0f s | "
                            + "%.0f MiB | %.2f ms, %.2f, %.2f |", pass.label(), pass.due(), pass.delivered(),
                    pass.duplicates(), pass.rate(),
                    Report.millis(pass.lag(0.5)), Report.millis(pass.lag(0.99)), Report.millis(pass.lag(1.0)),
                    pass.statuses(), pass.calls(), pass.rateLimited().isEmpty() ? "none" : pass.rateLimited(),
                    pass.cpuSeconds(), pass.rssMiB(), pass.cpuMillisPerDelivery(), pass.connectionUsesPerDelivery(),
                    pass.callsPerDelivery()));
        }
        return report.toString();
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("issues", "100000");
        defaults.put("nudges", "1000000");
        defaults.put("due", "100000");
        defaults.put("limitedDue", "10000");
        // chat.postMessage too: a backlog reaches each agent as one DM of several nudges, not as ephemerals
        defaults.put("limits", "chat.postEphemeral:100,chat.postMessage:20,views.publish:100");
        defaults.put("steadyRate", "500");
        defaults.put("steadySeconds", "10");
        defaults.put("timeout", "300");
        return defaults;
    }
}
