package io.happy3.bench;

import io.happy3.bench.SustainedBench.Result;
import io.happy3.bench.SustainedBench.Step;
import java.util.List;
import java.util.Locale;

/** The markdown section of the sustained benchmark. */
final class SustainedReport {
    private SustainedReport() {
    }

    static String markdown(List<Result> results, Settings settings, Targets targets, String run) {
        Report report = new Report();
        report.line("### Sustained processing, " + Report.now() + " (commit " + Machine.run(settings.root(), "git",
                "rev-parse", "--short", "HEAD") + ")");
        report.line("");
        describe(report, settings, targets, run);
        report.line("");
        report.line("| target | sustained rate (bounded) | processed during the hold | end to end p50 | p99 | max "
                + "| not processed | ack p50 | ack p99 | ack errors | CPU per event | RSS (peak) | ready | load before → after |");
        report.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        for (Result r : results) {
            report.line(headline(r));
        }
        report.line("");
        report.line("Steps (ack latency from the load generator; backlog first → last sample, growth per second):");
        report.line("");
        report.line("| target | phase | requests | ack p50 | ack p99 | ack max | errors | backlog | growth | server CPU "
                + "| bounded |");
        report.line("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |");
        for (Result r : results) {
            for (Step step : r.steps()) {
                report.line(stepRow(r, step));
            }
            report.line(stepRow(r, r.hold()));
        }
        report.line("");
        for (Result r : results) {
            report.line("- " + r.target().label() + ", rows afterwards: " + r.rows() + ".");
            long events = r.hold().acks().requests();
            report.line("- " + r.target().label() + ", Slack Web API calls during the hold (the fake counted them): "
                    + r.slackCalls() + String.format(Locale.ROOT, ", %.2f per request.",
                    r.slackCalls().values().stream().mapToLong(Long::longValue).sum() / (double) Math.max(1, events)));
        }
        return report.toString();
    }

    private static void describe(Report report, Settings settings, Targets targets, String run) {
        report.line("- Machine: " + Machine.describe() + "; " + targets.postgresVersion() + " on the same machine.");
        report.line("- Command: `" + System.getenv().getOrDefault("BENCH_COMMAND", "bench/run sustained") + "`. "
                + "Server JVM options: " + targets.jvmOptions() + ". Run id " + run + ".");
        report.line("- Traffic: open-loop, " + settings.get("connections") + " connections, signed Slack requests across "
                + "50 channels (followed with the shipped default playbook, four agents each: 200 agents) and 1,000 "
                + "customers; per 8 requests: a new issue, an agent reply, a customer reply, a fix claim, a ✅ reaction, "
                + "a confirmation in words, `/happy3 inbox`, and an \"On it\" press on a pending nudge read back from "
                + "the database. Rates step through `steps` (" + settings.get("step") + " s each, the backlog drained "
                + "in between) until the inbox backlog grows; the highest bounded rate is then held for "
                + settings.get("hold") + " s. Bounded: the backlog (`happy3_inbox_backlog`, sampled every second) grows "
                + "by at most 5 % of the rate per second (least squares) and ends with at most 5 s of traffic waiting.");
        report.line("- End to end: the inbox rows of the hold's requests, `done_at - received_at` (received: before "
                + "the ack's commit; done: after the issue was updated and its nudges planned), read back from the "
                + "database after the backlog drained. Ack: the load generator's latency of the same requests, from "
                + "each request's scheduled send time. CPU: server user + system time (`/proc`) during the hold "
                + "divided by the events processed in it.");
    }

    private static String headline(Result r) {
        Step hold = r.hold();
        double cpuPerEvent = hold.cpuSeconds() * 1000 / Math.max(1, r.processedPerSecond() * hold.acks().seconds());
        return String.format(Locale.ROOT, "| %s | %s | %,.0f/s | %s | %s | %s | %,d | %s | %s | %d | %.2f ms "
                        + "| %.0f MiB (%.0f MiB) | %.2f s | %s → %s |", r.target().label(),
                r.holdBounded() ? String.format(Locale.ROOT, "%,d/s", hold.rate())
                        : "none (held at " + hold.rate() + "/s)", r.processedPerSecond(),
                Report.millis(at(r.endToEndMillis(), 0.5)), Report.millis(at(r.endToEndMillis(), 0.99)),
                Report.millis(at(r.endToEndMillis(), 1.0)), r.unprocessed(),
                Report.millis(hold.acks().percentileMillis(0.5)), Report.millis(hold.acks().percentileMillis(0.99)),
                hold.acks().errors(), cpuPerEvent, r.rssMiB(), r.peakRssMiB(), r.ready(), r.loadBefore(),
                r.loadAfter());
    }

    private static String stepRow(Result r, Step step) {
        double[] b = step.backlog();
        return String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %d | %s | %+.1f/s | %.1f s | %s |",
                r.target().label(), step.acks().label(), step.acks().requests(),
                Report.millis(step.acks().percentileMillis(0.5)), Report.millis(step.acks().percentileMillis(0.99)),
                Report.millis(step.acks().maxMillis()), step.acks().errors(),
                b.length == 0 ? "—" : String.format(Locale.ROOT, "%,.0f → %,.0f", b[0], b[b.length - 1]),
                step.slope(), step.cpuSeconds(), step.bounded() ? "yes" : "no");
    }

    private static double at(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
