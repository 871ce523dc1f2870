package io.happy3.config;

import java.util.Collection;
import java.util.Optional;

/** Finds the known name nearest to a misspelt one, so a typo is reported instead of silently ignored. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest of {@code known} to {@code name}, if it is within a few edits. */
    static Optional<String> nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, name.length() / 4);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The unknown-name message: {@code unknown variable X (did you mean Y?)}. */
    static String unknown(String what, String name, Collection<String> known) {
        return nearest(name, known)
                .map(suggestion -> "unknown " + what + " " + name + " (did you mean " + suggestion + "?)")
                .orElse("unknown " + what + " " + name + " (known: " + String.join(", ", known) + ")");
    }

    /** Levenshtein distance. */
    static int distance(String left, String right) {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int substitution = previous[j - 1] + (left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
