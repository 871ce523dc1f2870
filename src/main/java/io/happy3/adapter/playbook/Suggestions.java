package io.happy3.adapter.playbook;

import io.happy3.domain.text.EditDistance;
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
        int allowed = Math.max(1, Math.min(3, lower.length() / 3));
        return EditDistance.nearest(typed, known, word -> word.toLowerCase(Locale.ROOT))
                .filter(match -> match.distance() <= allowed || lower.length() >= 3
                        && (lower.startsWith(match.word()) || match.word().startsWith(lower)))
                .map(EditDistance.Match::word);
    }

    /** "; did you mean 'x'?" or nothing. */
    static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(name -> "; did you mean '" + name + "'?").orElse("");
    }
}
