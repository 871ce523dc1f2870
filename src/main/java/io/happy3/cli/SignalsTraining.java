package io.happy3.cli;

import io.happy3.adapter.signalmodel.LabelledCorpus;
import io.happy3.adapter.signalmodel.LinearSignalModel;
import io.happy3.adapter.signalmodel.SignalModelTrainer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code happy3 signals train}: trains the signal model on the train split of the labelled corpus and writes the
 * weight file that the build packages. Deterministic: the same corpus gives the same file.
 */
final class SignalsTraining {
    static final Path LABELS = Path.of("eval/signals/train.labels.jsonl");
    static final Path THREADS = Path.of("eval/signals/train.threads.jsonl");
    static final Path OUT = Path.of("src/main/resources" + LinearSignalModel.BUNDLED);

    private SignalsTraining() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Path labels = LABELS;
        Path threads = THREADS;
        Path target = OUT;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (i + 1 >= args.size()) {
                err.println("happy3 signals train: " + arg + " needs a value");
                return 2;
            }
            switch (arg) {
                case "--labels" -> labels = Path.of(args.get(++i));
                case "--threads" -> threads = Path.of(args.get(++i));
                case "--out" -> target = Path.of(args.get(++i));
                default -> {
                    err.println("happy3 signals train: unknown option " + arg);
                    return 2;
                }
            }
        }
        long start = System.nanoTime();
        List<LabelledCorpus.Thread> corpus = LabelledCorpus.read(labels, threads);
        LinearSignalModel model = SignalModelTrainer.train(corpus);
        SignalModelTrainer.write(model, target);
        long turns = corpus.stream().mapToLong(thread -> thread.turns().size()).sum();
        out.printf(Locale.ROOT, "trained on %d threads, %d turns in %.1f s; wrote %s (%,d bytes)%n", corpus.size(),
                turns, (System.nanoTime() - start) / 1e9, target, fileSize(target));
        return 0;
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
