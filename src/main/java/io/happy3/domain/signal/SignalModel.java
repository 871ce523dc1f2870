package io.happy3.domain.signal;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: a trained model that scores a message for the signals its role can carry, given the thread so far and
 * the signals the phrase rules found. Implementations must be thread-safe and must not keep the text.
 */
public interface SignalModel {
    /**
     * The scores for the signals of {@code role}, one per signal; or none when the text is too unlike what the model
     * was trained on to judge (it abstains, and the detector relies on the rules alone).
     */
    List<Score> score(String text, Role role, ThreadContext context, Set<Signal> ruleSignals);

    /**
     * One signal's score: the probability, the threshold above which the model claims the signal, and for a claim
     * the nearest labelled example of that signal (to explain it).
     */
    record Score(Signal signal, double probability, double threshold, Optional<String> nearestExample) {
        public Score {
            requireNonNull(signal, "signal == null");
            requireNonNull(nearestExample, "nearestExample == null");
        }

        public boolean claimed() {
            return probability >= threshold;
        }
    }
}
