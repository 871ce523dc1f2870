package io.happy3.domain.signal;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One precompiled matcher: a pattern over a normalised clause, the signal it reports, the guards that must hold
 * around the match, and an optional veto pattern that cancels a match anywhere in the same clause.
 */
record Rule(String name, Signal signal, Pattern pattern, Set<Guard> guards, Optional<Pattern> veto) {
    private static final Pattern NEGATOR = Pattern.compile(
            "\\b(?:not|no|never|nothing|hardly|barely|without|nor|neither|no longer|nobody|none)\\b");
    private static final Pattern HYPOTHETICAL = Pattern.compile(
            "\\b(?:if|unless|whether|hope|hoping|hopefully|once|when|until|till|supposed|should|would|could|might|"
                    + "may|wish|want|need|needs|needed|expect|expected|waiting for|meant to|still)\\b");
    private static final Pattern CONDITIONAL = Pattern.compile(
            "\\b(?:if|unless|in case|whether|hope|hoping|hopefully|otherwise|or else)\\b");

    Rule {
        requireNonNull(name, "name == null");
        requireNonNull(signal, "signal == null");
        requireNonNull(pattern, "pattern == null");
        guards = Set.copyOf(guards);
        requireNonNull(veto, "veto == null");
    }

    static Rule of(String name, Signal signal, String regex, Guard... guards) {
        return new Rule(name, signal, Pattern.compile(regex), guardSet(guards), Optional.empty());
    }

    static Rule vetoed(String name, Signal signal, String regex, String veto, Guard... guards) {
        return new Rule(name, signal, Pattern.compile(regex), guardSet(guards), Optional.of(Pattern.compile(veto)));
    }

    /** True when the pattern matches somewhere in the clause at a place where every guard holds. */
    boolean matches(TextNormalizer.Clause clause) {
        if (guards.contains(Guard.NOT_QUESTION) && clause.question()) {
            return false;
        }
        String text = clause.text();
        if (veto.isPresent() && veto.get().matcher(text).find()) {
            return false;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (guardsHold(text, matcher.start())) {
                return true;
            }
        }
        return false;
    }

    private boolean guardsHold(String text, int start) {
        String before = text.substring(0, start);
        if (guards.contains(Guard.NOT_NEGATED) && NEGATOR.matcher(lastWords(before, 3)).find()) {
            return false;
        }
        if (guards.contains(Guard.NOT_HYPOTHETICAL) && HYPOTHETICAL.matcher(before).find()) {
            return false;
        }
        return !(guards.contains(Guard.NOT_CONDITIONAL) && CONDITIONAL.matcher(before).find());
    }

    private static String lastWords(String text, int count) {
        String[] words = text.strip().split(" ");
        int from = Math.max(0, words.length - count);
        return String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length));
    }

    private static Set<Guard> guardSet(Guard... guards) {
        Set<Guard> set = EnumSet.noneOf(Guard.class);
        set.addAll(java.util.List.of(guards));
        return set;
    }

    /** Conditions on the words around a match; they keep questions, negations and hypotheticals from counting. */
    enum Guard {
        /** The clause must not be a question ("is it fixed?"). */
        NOT_QUESTION,
        /** None of the three words before the match negates it ("not fixed", "never worked"). */
        NOT_NEGATED,
        /** The clause must not put the match in a wish, condition or expectation ("hope it works now"). */
        NOT_HYPOTHETICAL,
        /** The clause must not make the match a condition ("if it still fails"). */
        NOT_CONDITIONAL,
        /**
         * No earlier clause of the message asks the customer for something first ("which store? I'll get this
         * sorted", "DM us your email. We'll take a look"): the commitment waits for the customer. Checked by the
         * detector, which sees all clauses.
         */
        NOT_AFTER_REQUEST
    }
}
