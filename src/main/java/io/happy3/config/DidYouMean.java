package io.happy3.config;

import io.happy3.domain.text.EditDistance;
import java.util.Collection;
import java.util.Optional;

/** Finds the known name nearest to a misspelt one, so a typo is reported instead of silently ignored. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest of {@code known} to {@code name}, if it is within a few edits. */
    static Optional<String> nearest(String name, Collection<String> known) {
        int allowed = Math.max(2, name.length() / 4);
        return EditDistance.nearest(name, known, word -> word).filter(match -> match.distance() <= allowed)
                .map(EditDistance.Match::word);
    }

    /** The unknown-name message: {@code unknown variable X (did you mean Y?)}. */
    static String unknown(String what, String name, Collection<String> known) {
        return nearest(name, known)
                .map(suggestion -> "unknown " + what + " " + name + " (did you mean " + suggestion + "?)")
                .orElse("unknown " + what + " " + name + " (known: " + String.join(", ", known) + ")");
    }
}
