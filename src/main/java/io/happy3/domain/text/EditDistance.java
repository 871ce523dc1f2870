package io.happy3.domain.text;

import java.util.Collection;
import java.util.Optional;

/**
 * The one "did you mean" distance: how many edits (insert, delete, replace, swap two neighbours) turn one
 * word into another, and the nearest of the known words to a typed one. Callers decide how close is close
 * enough (a config variable name, a playbook key).
 */
public final class EditDistance {
    private EditDistance() {
    }

    /** A known word and its distance from the typed one. */
    public record Match(String word, int distance) {
    }

    /** The known word nearest to {@code typed} (the first of equals), compared as {@code compare} maps them. */
    public static Optional<Match> nearest(String typed, Collection<String> known,
                                          java.util.function.UnaryOperator<String> compare) {
        Match best = null;
        for (String candidate : known) {
            int distance = between(compare.apply(typed), compare.apply(candidate));
            if (best == null || distance < best.distance()) {
                best = new Match(candidate, distance);
            }
        }
        return Optional.ofNullable(best);
    }

    /** The optimal-string-alignment distance between {@code a} and {@code b}. */
    public static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
