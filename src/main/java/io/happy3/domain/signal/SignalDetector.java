package io.happy3.domain.signal;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Role;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds {@link Signal}s in one chat message with precompiled phrase rules: the built-in English matchers plus any
 * phrases playbooks add. Every result names the rule that matched. Immutable and thread-safe.
 */
public final class SignalDetector {
    private static final SignalDetector BUILT_IN = new SignalDetector(List.of(), BuiltInRules.RULES);
    private static final Pattern SIGN_OFF = Pattern.compile(
            "^(?:many |thanks |thank you |and |ok |okay )*(?:thanks|thank you|cheers)(?: so much| very much| again)?"
                    + "(?: thanks)?$");
    private static final Pattern REQUEST = Pattern.compile(
            "\\b(?:please|can you|could you|would you|any update|help me|let me know|advise)\\b");

    // Thanks next to scorn anywhere in the message is sarcasm: "thanks for ruining my phone", "thanks for nothing".
    private static final Pattern SARCASM = Pattern.compile(
            "\\bthank(?:s| you| u)? for\\b.*\\b(?:nothing|not work\\w*|hours? late|late response|breaking|broke|"
                    + "never|not)\\b|\\bthank(?:s| you| u)?\\b.*\\b(?:ruin\\w*|wast\\w*|suck\\w*|useless|worst|"
                    + "terrible|awful|horrible|pathetic|garbage|sarcasmcue|ignor\\w*|smh|wtf)\\b|thanksfornothing|"
                    + "\\bthanks a lot\\b.*\\bnot\\b");

    private final List<Rule> playbookRules;
    private final List<Rule> builtInRules;

    private SignalDetector(List<Rule> playbookRules, List<Rule> builtInRules) {
        this.playbookRules = List.copyOf(playbookRules);
        this.builtInRules = List.copyOf(builtInRules);
    }

    /** A detector with the built-in matchers only. */
    public static SignalDetector builtIn() {
        return BUILT_IN;
    }

    /**
     * Returns a new detector that also matches {@code phrases} from the playbook {@code source}; their rules are
     * named {@code playbook:<source>:<phrase>} and take precedence over built-in rules for the same signal.
     */
    public SignalDetector withPhrases(String source, Map<Signal, List<String>> phrases) {
        requireNonNull(source, "source == null");
        requireNonNull(phrases, "phrases == null");
        List<Rule> added = new ArrayList<>(playbookRules);
        phrases.forEach((signal, list) -> {
            requireNonNull(signal, "signal == null");
            requireNonNull(list, "phrases of " + signal.wireName() + " == null");
            for (String phrase : list) {
                requireNonNull(phrase, "phrase of " + signal.wireName() + " == null");
                PlaybookPhrases.rule(source, signal, phrase).ifPresent(added::add);
            }
        });
        return new SignalDetector(added, builtInRules);
    }

    /**
     * The signals in {@code text}, at most one per signal, in {@link Signal} order. Agent signals are only found
     * for {@link Role#AGENT} and customer signals only for {@link Role#CUSTOMER}; {@code now}, in the speaker's
     * zone, resolves the due time of a promise.
     */
    public List<DetectedSignal> detect(String text, Role role, ZonedDateTime now) {
        requireNonNull(text, "text == null");
        requireNonNull(role, "role == null");
        requireNonNull(now, "now == null");
        List<TextNormalizer.Clause> clauses = TextNormalizer.clauses(text);
        boolean agent = role == Role.AGENT;
        Map<Signal, String> found = new EnumMap<>(Signal.class);
        for (List<Rule> rules : List.of(playbookRules, builtInRules)) {
            for (Rule rule : rules) {
                if (rule.signal().agentSignal() == agent && !found.containsKey(rule.signal())
                        && matchesAny(rule, clauses)) {
                    found.put(rule.signal(), rule.name());
                }
            }
        }
        if (found.containsKey(Signal.GRATITUDE) && clauses.stream().anyMatch(c -> SARCASM.matcher(c.text()).find())) {
            found.remove(Signal.GRATITUDE);
        }
        if (found.containsKey(Signal.STILL_BROKEN)) {
            found.remove(Signal.CUSTOMER_CONFIRMED); // "it worked for an hour, now it fails again" is not a result
        }
        List<DetectedSignal> signals = new ArrayList<>();
        found.forEach((signal, rule) -> signals.add(new DetectedSignal(signal, rule, due(signal, clauses, now))));
        return List.copyOf(signals);
    }

    private static boolean matchesAny(Rule rule, List<TextNormalizer.Clause> clauses) {
        for (int index = 0; index < clauses.size(); index++) {
            TextNormalizer.Clause clause = clauses.get(index);
            if (rule.matches(clause) && !(rule.signal() == Signal.GRATITUDE && isSignOff(clauses, index))) {
                return true;
            }
        }
        return false;
    }

    /** A bare "thanks" closing a question or request is politeness, not gratitude ("Any update? Thanks"). */
    private static boolean isSignOff(List<TextNormalizer.Clause> clauses, int index) {
        if (index == 0 || !SIGN_OFF.matcher(clauses.get(index).text()).find()) {
            return false;
        }
        for (int earlier = 0; earlier < index; earlier++) {
            TextNormalizer.Clause clause = clauses.get(earlier);
            if (clause.question() || REQUEST.matcher(clause.text()).find()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<java.time.Instant> due(Signal signal, List<TextNormalizer.Clause> clauses,
            ZonedDateTime now) {
        if (signal != Signal.PROMISE_MADE) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        clauses.forEach(clause -> text.append(clause.text()).append(" . "));
        return Optional.of(DueTimes.resolve(text.toString(), now).toInstant());
    }
}
