package io.happy3.adapter.signalmodel;

import io.happy3.domain.issue.Role;
import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.SignalDetector;
import io.happy3.domain.signal.ThreadContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Trains {@link EmbeddingSignalModel} on labelled threads: one logistic regression per signal over the turns of the
 * signal's role, with AdaGrad, L2 and a fixed seed, so the same corpus always gives the same weights (ONNX Runtime
 * computes the embeddings the same way on the same machine). Each turn is read in its thread, with the earlier turns'
 * labels as context (at run time the detector's own findings take their place).
 */
final class EmbeddingTrainer {
    private static final ZonedDateTime TRAINING_TIME = ZonedDateTime.of(2026, 1, 5, 10, 0, 0, 0, ZoneOffset.UTC);
    /** How to fit: passes over the data, AdaGrad's rate and the L2 weight decay. */
    record Settings(int epochs, double rate, double l2) {
        static final Settings DEFAULT = new Settings(20, 0.1, 1e-4);
    }
    private static final int EXAMPLES_PER_SIGNAL = 150;
    // A word must occur in this many training turns to count as known (see EmbeddingSignalModel.MIN_FAMILIAR).
    private static final int KNOWN_AFTER = 2;

    private record Sample(String text, float[] embedding, float[] dense, int[] sparse, Set<Signal> gold, Role role) {
    }

    private EmbeddingTrainer() {
    }

    /** A model trained on {@code threads}, using {@code encoder} for the embeddings. */
    static EmbeddingSignalModel train(List<LabelledCorpus.Thread> threads, Embedder encoder, Settings settings) {
        List<Sample> samples = samples(threads, encoder);
        Map<Signal, EmbeddingSignalModel.Head> heads = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            Role role = signal.agentSignal() ? Role.AGENT : Role.CUSTOMER;
            List<Sample> own = samples.stream().filter(sample -> sample.role() == role).collect(Collectors.toList());
            heads.put(signal, fit(own, signal, settings));
        }
        return new EmbeddingSignalModel(encoder, heads, vocabulary(threads));
    }

    private static List<Sample> samples(List<LabelledCorpus.Thread> threads, Embedder encoder) {
        SignalDetector rules = SignalDetector.builtIn();
        List<Sample> samples = new ArrayList<>();
        for (LabelledCorpus.Thread thread : threads) {
            ThreadContext context = ThreadContext.empty();
            Instant at = TRAINING_TIME.toInstant();
            for (LabelledCorpus.Turn turn : thread.turns()) {
                List<DetectedSignal> found = rules.detect(turn.text(), turn.role(), TRAINING_TIME, context);
                Set<Signal> ruleSignals = found.stream().map(DetectedSignal::signal).collect(Collectors.toSet());
                float[] embedding = encoder.embed(turn.text());
                samples.add(new Sample(turn.text(), embedding,
                        Situation.features(embedding, turn.role(), context, ruleSignals),
                        Features.of(ModelText.tokens(turn.text()), turn.role(), context, ruleSignals),
                        turn.gold(), turn.role()));
                at = at.plusSeconds(60);
                context = context.then(new ThreadContext.Turn(turn.role(), at, turn.gold(),
                        Cue.of(turn.text(), turn.role())));
            }
        }
        return samples;
    }

    private static EmbeddingSignalModel.Head fit(List<Sample> samples, Signal signal, Settings settings) {
        double[][] withWords = fit(samples, signal, settings, true);
        double[][] alone = fit(samples, signal, settings, false);
        return new EmbeddingSignalModel.Head(floats(withWords[0]), floats(withWords[1]), floats(alone[0]), 0.5,
                examples(samples, signal));
    }

    /** Dense and sparse weights by AdaGrad; without {@code words} the sparse ones stay zero. */
    private static double[][] fit(List<Sample> samples, Signal signal, Settings settings, boolean words) {
        double[] dense = new double[Situation.SIZE];
        double[] denseSquares = new double[Situation.SIZE];
        double[] sparse = new double[Features.SIZE];
        double[] sparseSquares = new double[words ? Features.SIZE : 0];
        List<Sample> order = new ArrayList<>(samples);
        Random random = new Random(signal.ordinal() * 7919L + 17);
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            Collections.shuffle(order, random);
            for (Sample sample : order) {
                int[] active = words ? sample.sparse() : null;
                double error = EmbeddingSignalModel.probability(dense, sparse, sample.dense(), active)
                        - (sample.gold().contains(signal) ? 1 : 0);
                for (int i = 0; i < dense.length; i++) {
                    step(dense, denseSquares, i, error * sample.dense()[i], settings);
                }
                for (int index : words ? active : new int[0]) {
                    step(sparse, sparseSquares, index, error, settings);
                }
            }
        }
        return new double[][] {dense, sparse};
    }

    private static void step(double[] w, double[] squares, int index, double loss, Settings settings) {
        double gradient = loss + settings.l2() * w[index];
        if (gradient != 0) {
            squares[index] += gradient * gradient;
            w[index] -= settings.rate() * gradient / Math.sqrt(squares[index] + 1e-8);
        }
    }

    private static float[] floats(double[] w) {
        float[] result = new float[w.length];
        for (int index = 0; index < w.length; index++) {
            result[index] = Math.abs(w[index]) < 1e-4 ? 0 : (float) w[index];
        }
        return result;
    }

    /** The words that occur in at least {@link #KNOWN_AFTER} training turns. */
    private static Set<String> vocabulary(List<LabelledCorpus.Thread> threads) {
        Map<String, Integer> turnsWith = new HashMap<>();
        for (LabelledCorpus.Thread thread : threads) {
            for (LabelledCorpus.Turn turn : thread.turns()) {
                new HashSet<>(ModelText.tokens(turn.text())).forEach(token -> turnsWith.merge(token, 1, Integer::sum));
            }
        }
        Set<String> known = new TreeSet<>();
        turnsWith.forEach((token, count) -> {
            if (count >= KNOWN_AFTER && Character.isLetter(token.charAt(0))) {
                known.add(token);
            }
        });
        return known;
    }

    /** Short, distinct texts of the signal with their embeddings, to explain a claim by its nearest example. */
    private static List<EmbeddingSignalModel.Example> examples(List<Sample> samples, Signal signal) {
        Map<String, float[]> texts = new LinkedHashMap<>();
        for (Sample sample : samples) {
            String text = sample.text().strip();
            if (sample.gold().contains(signal) && text.length() <= 100 && !text.contains("\n")
                    && texts.size() < EXAMPLES_PER_SIGNAL) {
                texts.putIfAbsent(text, sample.embedding());
            }
        }
        List<EmbeddingSignalModel.Example> examples = new ArrayList<>();
        texts.forEach((text, embedding) -> examples.add(new EmbeddingSignalModel.Example(text, embedding)));
        return List.copyOf(examples);
    }
}
