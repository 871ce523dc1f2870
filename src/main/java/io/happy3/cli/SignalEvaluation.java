package io.happy3.cli;

import io.happy3.adapter.signalmodel.LabelledCorpus;
import io.happy3.domain.issue.Role;
import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.SignalDetector;
import io.happy3.domain.signal.ThreadContext;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Measures a detector against labelled threads, reading each thread in order with the detector's own earlier
 * findings as context: precision, recall and F1 per signal, their macro average, and the turns it got wrong.
 */
final class SignalEvaluation {
    /** Counts for one signal. */
    record Counts(int truePositives, int falsePositives, int falseNegatives) {
        double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        private static double ratio(int a, int b) {
            return b == 0 ? 0 : (double) a / b;
        }
    }

    /** One turn the detector got wrong. */
    record Confused(String id, int turn, Role role, String text, Set<Signal> gold, List<DetectedSignal> found,
                    String note) {
    }

    /** The measurement of one corpus. */
    record Result(Map<Signal, Counts> counts, int turns, List<Confused> confused) {
        double macroF1() {
            return counts.values().stream().mapToDouble(Counts::f1).average().orElse(0);
        }
    }

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 1, 5, 10, 0, 0, 0, ZoneOffset.UTC);

    private SignalEvaluation() {
    }

    static Result run(SignalDetector detector, List<LabelledCorpus.Thread> threads) {
        Map<Signal, int[]> counts = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            counts.put(signal, new int[3]);
        }
        List<Confused> confused = new ArrayList<>();
        int turns = 0;
        for (LabelledCorpus.Thread thread : threads) {
            ThreadContext context = ThreadContext.empty();
            ZonedDateTime at = NOW;
            for (int index = 0; index < thread.turns().size(); index++) {
                LabelledCorpus.Turn turn = thread.turns().get(index);
                List<DetectedSignal> found = detector.detect(turn.text(), turn.role(), at, context);
                Set<Signal> predicted = found.stream().map(DetectedSignal::signal)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Signal.class)));
                for (Signal signal : Signal.values()) {
                    boolean wanted = turn.gold().contains(signal);
                    boolean got = predicted.contains(signal);
                    int[] c = counts.get(signal);
                    c[0] += wanted && got ? 1 : 0;
                    c[1] += !wanted && got ? 1 : 0;
                    c[2] += wanted && !got ? 1 : 0;
                }
                if (!predicted.equals(turn.gold())) {
                    confused.add(new Confused(thread.id(), index, turn.role(), turn.text(), turn.gold(), found,
                            turn.note().orElse("")));
                }
                turns++;
                context = context.then(new ThreadContext.Turn(turn.role(), at.toInstant(), predicted,
                        Cue.of(turn.text(), turn.role())));
                at = at.plusMinutes(3);
            }
        }
        Map<Signal, Counts> result = new EnumMap<>(Signal.class);
        counts.forEach((signal, c) -> result.put(signal, new Counts(c[0], c[1], c[2])));
        return new Result(result, turns, confused);
    }

    static void print(Result result, int threads, int confusedShown, PrintStream out) {
        out.printf(Locale.ROOT, "%d threads, %d turns%n%n", threads, result.turns());
        out.printf(Locale.ROOT, "| %-20s | %5s | %5s | %5s | %9s | %5s | %5s |%n", "signal", "P", "R", "F1",
                "labelled", "TP", "FP");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        result.counts().forEach((signal, c) -> out.printf(Locale.ROOT,
                "| %-20s | %5.2f | %5.2f | %5.2f | %9d | %5d | %5d |%n", signal.wireName(), c.precision(), c.recall(),
                c.f1(), c.truePositives() + c.falseNegatives(), c.truePositives(), c.falsePositives()));
        out.printf(Locale.ROOT, "%nmacro-F1 %.3f%n", result.macroF1());
        out.printf(Locale.ROOT, "%nconfused turns: %d of %d", result.confused().size(), result.turns());
        out.println(result.confused().size() > confusedShown ? " (first " + confusedShown + ")" : "");
        Consumer<Confused> line = c -> out.printf(Locale.ROOT, "  %s#%d %-8s %-60s want %s got %s%s%n", c.id(),
                c.turn(), c.role().name().toLowerCase(Locale.ROOT), quote(c.text()), names(c.gold()),
                c.found().stream().map(f -> f.signal().wireName() + " (" + f.rule() + ")").toList(),
                c.note().isEmpty() ? "" : "  — " + c.note());
        result.confused().stream().limit(confusedShown).forEach(line);
    }

    private static String quote(String text) {
        String flat = text.replace('\n', ' ');
        return "'" + (flat.length() > 58 ? flat.substring(0, 55) + "..." : flat) + "'";
    }

    private static List<String> names(Set<Signal> signals) {
        return signals.stream().sorted().map(Signal::wireName).toList();
    }
}
