package io.happy3.cli;

import io.happy3.adapter.signalmodel.LabelledCorpus;
import io.happy3.adapter.signalmodel.LinearSignalModel;
import io.happy3.adapter.signalmodel.SignalModelTrainer;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.SignalDetector;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Error analysis without the held-out split: trains the linear model in memory on one labelled set (e.g. the
 * devtrain part that {@code eval/signals/generate.py --dev} writes) and prints the evaluation of the rules alone and
 * of rules + that model on each further set, with their confused turns. A program, not a test:
 * {@code java -cp … io.happy3.cli.DevSplitExperiment eval/signals/devtrain eval/signals/dev [CONFUSED]}; with
 * {@code -Dh3.sweep=true} it prints F1 per signal at claim thresholds 0.2–0.8 instead (how the trainer's was chosen).
 */
public final class DevSplitExperiment {
    private DevSplitExperiment() {
    }

    public static void main(String[] args) {
        List<LabelledCorpus.Thread> train = read(args[0]);
        LinearSignalModel model = SignalModelTrainer.train(train);
        int confused = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        if (Boolean.getBoolean("h3.sweep")) {
            sweep(model, read(args[1]));
            return;
        }
        for (String set : Arrays.asList(args).subList(1, Math.min(2, args.length))) {
            List<LabelledCorpus.Thread> threads = read(set);
            System.out.println("== " + set + " | rules");
            SignalEvaluation.print(SignalEvaluation.run(SignalDetector.builtIn(), threads), threads.size(), confused,
                    System.out);
            System.out.println("== " + set + " | rules + model trained on " + args[0]);
            SignalEvaluation.print(SignalEvaluation.run(SignalDetector.builtIn().withModel(model), threads),
                    threads.size(), confused, System.out);
        }
    }

    /** F1 per signal of rules + model at each claim threshold (all signals at once; they interact only a little). */
    private static void sweep(LinearSignalModel model, List<LabelledCorpus.Thread> threads) {
        for (double t : new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
            Map<Signal, Double> all = new EnumMap<>(Signal.class);
            for (Signal signal : Signal.values()) {
                all.put(signal, t);
            }
            SignalEvaluation.Result r = SignalEvaluation.run(SignalDetector.builtIn().withModel(model.withThresholds(all)),
                    threads);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t=%.1f", t));
            r.counts().forEach((signal, c) -> line.append(String.format(Locale.ROOT, " %s %.3f", signal.wireName(), c.f1())));
            System.out.println(line.append(String.format(Locale.ROOT, " macro %.3f", r.macroF1())));
        }
    }

    private static List<LabelledCorpus.Thread> read(String set) {
        return LabelledCorpus.read(Path.of(set + ".labels.jsonl"), Path.of(set + ".threads.jsonl"));
    }
}
