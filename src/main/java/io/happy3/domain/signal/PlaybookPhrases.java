package io.happy3.domain.signal;


import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles a playbook phrase into a {@link Rule}: the phrase is normalised like message text and must match whole
 * words, and it gets the same guards as the built-in rules of its signal.
 */
final class PlaybookPhrases {
    private static final Pattern CLAUSE_MARKS = Pattern.compile("[.!?;,:\\n]+");

    private PlaybookPhrases() {
    }

    /** The rule for {@code phrase}, or empty when nothing is left of it after normalising (only punctuation). */
    static Optional<Rule> rule(String source, Signal signal, String phrase) {
        String words = CLAUSE_MARKS.matcher(TextNormalizer.normalize(phrase)).replaceAll(" ").strip()
                .replaceAll(" +", " ");
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Pattern pattern = Pattern.compile("(?<![a-z0-9])" + Pattern.quote(words) + "(?![a-z0-9])");
        String name = "playbook:" + source + ":" + phrase;
        return Optional.of(new Rule(name, signal, pattern, guards(signal), Optional.empty()));
    }

    private static Set<Rule.Guard> guards(Signal signal) {
        return switch (signal) {
            case CUSTOMER_CONFIRMED, RESOLUTION_PROPOSED -> Set.of(Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL);
            case STILL_BROKEN -> Set.of(Rule.Guard.NOT_CONDITIONAL);
            case PROMISE_MADE -> Set.of(Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED);
            case GRATITUDE -> Set.of(Rule.Guard.NOT_NEGATED);
        };
    }
}
