package io.happy3.adapter.signalmodel;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Role;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.SignalModel;
import io.happy3.domain.signal.ThreadContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The measured alternative to {@link LinearSignalModel} (issue 12; not shipped, see {@link MiniLmExperiment}): two
 * logistic regressions per signal, trained in memory by {@link EmbeddingTrainer}. For a message whose
 * words the corpus knows (at least {@link #MIN_FAMILIAR} of them occur in two training turns), one over the message's
 * sentence embedding ({@link SentenceEncoder}) placed in its thread ({@link Situation}) plus the hashed words of
 * {@link Features}; for any other message, one over the embedding in its thread alone — words the model never saw
 * carry no weight, and the embedding still places "the cert swap did the trick" near "that fixed it". Explains a
 * claim with the nearest labelled example of that signal by embedding. Immutable and thread-safe.
 */
final class EmbeddingSignalModel implements SignalModel {

    /**
     * Below this share of its words seen in training, a message is read by the embedding alone: a linear model over
     * words was confidently wrong on unfamiliar real text (docs/signals.md).
     */
    static final double MIN_FAMILIAR = 0.75;

    /**
     * One signal's heads: dense weights over {@link Situation} with sparse ones over {@link Features} (familiar text),
     * dense weights alone (unfamiliar text), the threshold, and its examples.
     */
    record Head(float[] dense, float[] sparse, float[] denseAlone, double threshold, List<Example> examples) {
    }

    /** A short labelled training text and its embedding, to explain a claim. */
    record Example(String text, float[] embedding) {
    }

    private final Embedder encoder;
    private final Map<Signal, Head> heads;
    private final Set<String> vocabulary;

    EmbeddingSignalModel(Embedder encoder, Map<Signal, Head> heads, Set<String> vocabulary) {
        this.encoder = requireNonNull(encoder, "encoder == null");
        this.heads = new EnumMap<>(heads);
        this.vocabulary = Set.copyOf(vocabulary);
    }

    @Override
    public List<Score> score(String text, Role role, ThreadContext context, Set<Signal> ruleSignals) {
        requireNonNull(text, "text == null");
        float[] embedding = encoder.embed(text);
        float[] dense = Situation.features(embedding, role, context, ruleSignals);
        List<String> tokens = ModelText.tokens(text);
        int[] sparse = familiarity(tokens) >= MIN_FAMILIAR ? Features.of(tokens, role, context, ruleSignals) : null;
        List<Score> scores = new ArrayList<>(3);
        for (Map.Entry<Signal, Head> entry : heads.entrySet()) {
            Signal signal = entry.getKey();
            if (signal.agentSignal() != (role == Role.AGENT)) {
                continue;
            }
            Head head = entry.getValue();
            double probability = probability(head, dense, sparse);
            Optional<String> nearest = probability >= head.threshold() ? nearest(head, embedding) : Optional.empty();
            scores.add(new Score(signal, probability, head.threshold(), nearest));
        }
        return scores;
    }

    /** With {@code sparse} null (unfamiliar text), the embedding-only head decides. */
    private static double probability(Head head, float[] dense, int[] sparse) {
        float[] w = sparse == null ? head.denseAlone() : head.dense();
        double sum = 0;
        for (int i = 0; i < dense.length; i++) {
            sum += w[i] * dense[i];
        }
        for (int index : sparse == null ? new int[0] : sparse) {
            sum += head.sparse()[index];
        }
        return 1 / (1 + Math.exp(-sum));
    }

    /** The same sum in double precision, for training. */
    static double probability(double[] denseWeights, double[] sparseWeights, float[] dense, int[] sparse) {
        double sum = 0;
        for (int i = 0; i < dense.length; i++) {
            sum += denseWeights[i] * dense[i];
        }
        for (int index : sparse == null ? new int[0] : sparse) {
            sum += sparseWeights[index];
        }
        return 1 / (1 + Math.exp(-sum));
    }

    /** The share of the message's words the training corpus had (1 for a message of emoji or markup only). */
    double familiarity(List<String> tokens) {
        int words = 0;
        int known = 0;
        for (String token : tokens) {
            if (Character.isLetter(token.charAt(0))) {
                words++;
                known += vocabulary.contains(token) ? 1 : 0;
            }
        }
        return words == 0 ? 1 : (double) known / words;
    }

    private static Optional<String> nearest(Head head, float[] embedding) {
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Example example : head.examples()) {
            double similarity = dot(embedding, example.embedding());
            if (similarity > bestScore) {
                bestScore = similarity;
                best = example.text();
            }
        }
        return Optional.ofNullable(best);
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
