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
 * Finds {@link Signal}s in one chat message with precompiled phrase rules — the built-in English matchers plus any
 * phrases playbooks add — and, when given one, a trained {@link SignalModel} that reads the message in its thread.
 * Every result says why: the rule that matched, or the model's score and nearest labelled example. Playbook
 * phrases win over the model for their signal. Immutable and thread-safe.
 */
public final class SignalDetector {
    private static final SignalDetector BUILT_IN = new SignalDetector(List.of(),
            java.util.stream.Stream.concat(BuiltInRules.RULES.stream(), ForeignRules.RULES.stream()).toList(),
            Optional.empty());
    private static final Pattern REQUEST = Pattern.compile(
            "\\b(?:(?<!your |the |got |a )dms?|direct message|private message|send (?:us|me|over|through|an? (?:dm|direct message|"
                    + "message|note|email))|(?:please|kindly) (?:report|fill|submit|complete|use|visit|go to|click|register|"
                    + "log|raise|open|contact|call|email|reach|get in touch)|paste|attach|provide|share (?:your|the)|(?:can|could|would) "
                    + "you (?:please )?(?:send|share|provide|tell|confirm|dm|let|give|post)|let (?:us|me) know (?:your|the|"
                    + "which|what|when|if|whether)|tell us|reach out|follow us|contact us|drop us|email us|pm us|"
                    + "message us)\\b");

    // Thanks next to scorn anywhere in the message is sarcasm: "thanks for ruining my phone", "thanks for nothing".
    private static final Pattern SARCASM = Pattern.compile(
            "\\bthank(?:s| you| u)? for\\b.*\\b(?:nothing|not work\\w*|hours? late|late response|breaking|broke|"
                    + "never|not)\\b|\\bthank(?:s| you| u)?\\b.*\\b(?:ruin\\w*|wast\\w*|suck\\w*|useless|worst|"
                    + "terrible|awful|horrible|pathetic|garbage|sarcasmcue|ignor\\w*|smh|wtf|canned|i guess)\\b|thanksfornothing|"
                    + "\\bthanks a lot\\b.*\\bnot\\b|\\b(?:danke|gracias) (?:für|por) (?:gar )?(?:nichts|nada)\\b|"
                    + "\\banother (?:\\S+ )?(?:we are|we will|canned|generic|copy)\\b|"
                    + "\\b(?:thanks?|cheers) (?:you )?for the (?:\\S+ ){0,4}(?:wait|waiting|delay|silence|runaround|radio silence)\\b");
    // A thanks on an angry exit is pointed, not grateful: "we're moving to another vendor. thanks."
    private static final Pattern ANGRY_EXIT = Pattern.compile(
            "\\b(?:moving|switching|migrating|going) to (?:another|a different|a new|other|a competitor)\\b|"
                    + "\\bcancel+(?:ing|ed)? (?:at renewal|our|my|the) ?(?:subscription|contract|account|plan)?\\b|"
                    + "\\b(?:another|yet another|a second|a third|a fourth|the third|the fourth) (?:outage|incident|breakage)\\b");

    private final List<Rule> playbookRules;
    private final List<Rule> builtInRules;
    private final Optional<SignalModel> model;

    private SignalDetector(List<Rule> playbookRules, List<Rule> builtInRules, Optional<SignalModel> model) {
        this.playbookRules = List.copyOf(playbookRules);
        this.builtInRules = List.copyOf(builtInRules);
        this.model = model;
    }

    /**
     * Returns a new detector that lets {@code model} add the signals that no playbook phrase and no built-in rule
     * found; the rules' findings also feed the model.
     */
    public SignalDetector withModel(SignalModel model) {
        requireNonNull(model, "model == null");
        return new SignalDetector(playbookRules, builtInRules, Optional.of(model));
    }

    /** True when a trained model takes part in detection. */
    public boolean hasModel() {
        return model.isPresent();
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
        return new SignalDetector(added, builtInRules, model);
    }

    /**
     * The signals in {@code text}, at most one per signal, in {@link Signal} order, read as the opening message of
     * its thread. See {@link #detect(String, Role, ZonedDateTime, ThreadContext)}.
     */
    public List<DetectedSignal> detect(String text, Role role, ZonedDateTime now) {
        return detect(text, role, now, ThreadContext.empty());
    }

    /**
     * The signals in {@code text}, at most one per signal, in {@link Signal} order. Agent signals are only found
     * for {@link Role#AGENT} and customer signals only for {@link Role#CUSTOMER}; {@code now}, in the speaker's
     * zone, resolves the due time of a promise; {@code context} (the thread so far) is read by the model.
     */
    public List<DetectedSignal> detect(String text, Role role, ZonedDateTime now, ThreadContext context) {
        requireNonNull(text, "text == null");
        requireNonNull(role, "role == null");
        requireNonNull(now, "now == null");
        requireNonNull(context, "context == null");
        List<TextNormalizer.Clause> clauses = TextNormalizer.clauses(text);
        boolean agent = role == Role.AGENT;
        Map<Signal, String> playbook = matches(playbookRules, agent, clauses);
        Map<Signal, String> builtIn = matches(builtInRules, agent, clauses);
        MessageRules.apply(builtIn, role, clauses);
        ContextRules.apply(builtIn, text, role, clauses, context);
        Map<Signal, String> found = model.isEmpty() ? rulesAlone(playbook, builtIn)
                : withModel(model.get(), playbook, builtIn, text, role, context, clauses);
        if (found.containsKey(Signal.GRATITUDE) && clauses.stream().anyMatch(c -> SARCASM.matcher(c.text()).find()
                || ANGRY_EXIT.matcher(c.text()).find())) {
            found.remove(Signal.GRATITUDE);
        }
        List<DetectedSignal> signals = new ArrayList<>();
        found.forEach((signal, rule) -> signals.add(new DetectedSignal(signal, rule, due(signal, clauses, now))));
        return List.copyOf(signals);
    }

    private static Map<Signal, String> rulesAlone(Map<Signal, String> playbook, Map<Signal, String> builtIn) {
        Map<Signal, String> found = new EnumMap<>(Signal.class);
        found.putAll(builtIn);
        found.putAll(playbook); // both may hold: "the export finishes now but the totals are wrong" (SIGNALS.md)
        return found;
    }

    /**
     * Playbook phrases first, then every built-in rule (the model never overrules one: on real threads the rules were
     * right more often than the model, whose training text is our own), then the model's claims for the signals
     * neither found, explained by the model's score and nearest example — except what SIGNALS.md rules out whatever the
     * words: a still_broken opening turn that names no failed attempt, and a confirmation that is only hoped for.
     */
    private static Map<Signal, String> withModel(SignalModel model, Map<Signal, String> playbook,
                                                 Map<Signal, String> builtIn, String text, Role role,
                                                 ThreadContext context, List<TextNormalizer.Clause> clauses) {
        Map<Signal, String> found = new EnumMap<>(Signal.class);
        found.putAll(playbook);
        builtIn.forEach(found::putIfAbsent);
        boolean agent = role == Role.AGENT;
        for (SignalModel.Score score : model.score(text, role, context, builtIn.keySet())) {
            if (score.signal().agentSignal() == agent && !found.containsKey(score.signal()) && score.claimed()
                    && ContextRules.modelMayClaim(score.signal(), clauses, context)) {
                found.put(score.signal(), explain(score));
            }
        }
        return found;
    }

    /** "model p=0.94 ≈ 'works on our side now'". */
    private static String explain(SignalModel.Score score) {
        return String.format(java.util.Locale.ROOT, "model p=%.2f", score.probability())
                + score.nearestExample().map(example -> " \u2248 '" + example + "'").orElse("");
    }

    private static Map<Signal, String> matches(List<Rule> rules, boolean agent, List<TextNormalizer.Clause> clauses) {
        Map<Signal, String> found = new EnumMap<>(Signal.class);
        for (Rule rule : rules) {
            if (rule.signal().agentSignal() == agent && !found.containsKey(rule.signal())
                    && matchesAny(rule, clauses)) {
                found.put(rule.signal(), rule.name());
            }
        }
        return found;
    }

    private static boolean matchesAny(Rule rule, List<TextNormalizer.Clause> clauses) {
        for (int index = 0; index < clauses.size(); index++) {
            if (rule.matches(clauses.get(index))
                    && !(rule.guards().contains(Rule.Guard.NOT_AFTER_REQUEST) && askedBefore(clauses, index))) {
                return true;
            }
        }
        return false;
    }

    /** True when a clause before {@code index} asks the customer a question or for something (details, a DM). */
    static boolean askedBefore(List<TextNormalizer.Clause> clauses, int index) {
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
