package io.happy3.bench;

import io.happy3.bench.LoadGenerator.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Markdown for BENCHMARKS.md, and the console lines. */
final class Report {
    private final StringBuilder text = new StringBuilder();

    Report line(String line) {
        text.append(line).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "—";
        }
        return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms) : ms < 100
                ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    static String phaseLine(Phase phase) {
        return String.format(Locale.ROOT, "%-16s %9d requests %9.0f/s  p50 %9s  p99 %9s  p99.9 %9s  max %9s  errors %d",
                phase.label(), phase.requests(), phase.throughput(), millis(phase.percentileMillis(0.5)),
                millis(phase.percentileMillis(0.99)), millis(phase.percentileMillis(0.999)),
                millis(phase.maxMillis()), phase.errors());
    }

    static String phaseRow(String target, Phase phase, Double cpuPer1000, String backlog) {
        return "| " + target + " | " + phase.label() + " | " + count(phase.requests()) + " | "
                + count(Math.round(phase.throughput())) + "/s | " + millis(phase.percentileMillis(0.5)) + " | "
                + millis(phase.percentileMillis(0.99)) + " | " + millis(phase.percentileMillis(0.999)) + " | "
                + millis(phase.maxMillis()) + " | " + phase.errors() + " | "
                + (cpuPer1000 == null ? "—" : String.format(Locale.ROOT, "%.2f ms", cpuPer1000)) + " | "
                + (backlog.isEmpty() ? "—" : backlog) + " |";
    }

    /** Appends {@code section} to {@code file}, after a blank line. */
    static void append(Path file, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        String separator = existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
        Files.writeString(file, separator + section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
