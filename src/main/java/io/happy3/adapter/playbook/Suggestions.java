package io.happy3.adapter.playbook;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name closest to a misspelt one, for "did you mean" hints. */
final class Suggestions {
    private Suggestions() {
    }

    /** The closest of {@code known} to {@code typed}, when it is close enough to be a likely typo. */
    static Optional<String> closest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(3, lower.length() / 3));
        boolean prefix = best != null && lower.length() >= 3 && (lower.startsWith(best) || best.startsWith(lower));
        return best != null && (bestDistance <= allowed || prefix) ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean 'x'?" or nothing. */
    static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(name -> "; did you mean '" + name + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
