package io.happy3.adapter.signalmodel;

import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.SignalDetector;
import io.happy3.domain.signal.ThreadContext;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reproduces issue 12's measurement of MiniLM sentence embeddings with a trained head against the shipped detector:
 * trains {@link EmbeddingSignalModel} on a labelled split, then prints F1 per signal and macro-F1 of the rules alone,
 * rules + the bundled {@link LinearSignalModel} and rules + the MiniLM model on each evaluation set, and the MiniLM
 * detector's speed on one thread (load time, per-message p50/p99, messages per second). A program, not a test:
 * {@code java -cp … MiniLmExperiment TRAIN EVAL...}, each set given as the path before {@code .labels.jsonl} /
 * {@code .threads.jsonl}, e.g. {@code eval/signals/train eval/signals/test} (docs/signals.md).
 */
public final class MiniLmExperiment {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 1, 5, 10, 0, 0, 0, ZoneOffset.UTC);

    private MiniLmExperiment() {
    }

    public static void main(String[] args) {
        long loadStart = System.nanoTime();
        SentenceEncoder encoder = SentenceEncoder.load();
        encoder.embed("warm up");
        System.out.printf(Locale.ROOT, "MiniLM loaded in %.0f ms%n", (System.nanoTime() - loadStart) / 1e6);
        long trainStart = System.nanoTime();
        EmbeddingSignalModel model = EmbeddingTrainer.train(read(args[0]), encoder, EmbeddingTrainer.Settings.DEFAULT);
        System.out.printf(Locale.ROOT, "trained on %s in %.0f s%n", args[0], (System.nanoTime() - trainStart) / 1e9);
        Map<String, SignalDetector> detectors = Map.of("rules", SignalDetector.builtIn(),
                "rules + linear (bundled)", SignalDetector.builtIn().withModel(LinearSignalModel.bundled()),
                "rules + MiniLM", SignalDetector.builtIn().withModel(model));
        for (String set : Arrays.asList(args).subList(1, args.length)) {
            List<LabelledCorpus.Thread> threads = read(set);
            for (String name : List.of("rules", "rules + linear (bundled)", "rules + MiniLM")) {
                System.out.println(set + " | " + name + " | " + f1(detectors.get(name), threads, null));
            }
            long[] latencies = new long[threads.stream().mapToInt(thread -> thread.turns().size()).sum()];
            long start = System.nanoTime();
            f1(detectors.get("rules + MiniLM"), threads, latencies);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "%s | MiniLM speed | p50 %.1f ms, p99 %.1f ms, %.0f msg/s%n", set,
                    latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 99 / 100] / 1e6,
                    latencies.length / seconds);
        }
    }

    private static List<LabelledCorpus.Thread> read(String set) {
        return LabelledCorpus.read(Path.of(set + ".labels.jsonl"), Path.of(set + ".threads.jsonl"));
    }

    /** F1 per signal and macro-F1, each thread read in order with the detector's own findings as context. */
    private static String f1(SignalDetector detector, List<LabelledCorpus.Thread> threads, long[] latencies) {
        Map<Signal, int[]> counts = new EnumMap<>(Signal.class);
        Arrays.stream(Signal.values()).forEach(signal -> counts.put(signal, new int[3]));
        int n = 0;
        for (LabelledCorpus.Thread thread : threads) {
            ThreadContext context = ThreadContext.empty();
            for (LabelledCorpus.Turn turn : thread.turns()) {
                long start = System.nanoTime();
                Set<Signal> found = detector.detect(turn.text(), turn.role(), NOW, context).stream()
                        .map(DetectedSignal::signal).collect(Collectors.toSet());
                if (latencies != null) {
                    latencies[n++] = System.nanoTime() - start;
                }
                counts.forEach((signal, c) -> {
                    boolean wanted = turn.gold().contains(signal);
                    boolean got = found.contains(signal);
                    c[wanted && got ? 0 : got ? 1 : wanted ? 2 : 0] += wanted || got ? 1 : 0;
                });
                context = context.then(new ThreadContext.Turn(turn.role(), NOW.toInstant(), found,
                        Cue.of(turn.text(), turn.role())));
            }
        }
        StringBuilder out = new StringBuilder();
        double macro = 0;
        for (Map.Entry<Signal, int[]> entry : counts.entrySet()) {
            int[] c = entry.getValue();
            double f1 = c[0] == 0 ? 0 : 2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]);
            macro += f1 / counts.size();
            out.append(String.format(Locale.ROOT, "%s %.2f  ", entry.getKey().wireName(), f1));
        }
        return out.append(String.format(Locale.ROOT, "macro-F1 %.3f", macro)).toString();
    }
}
