package io.happy3.domain.signal;

import io.happy3.domain.issue.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Built-in rules that read a customer's message in its thread, from the {@link ThreadContext} alone (never earlier
 * text): a bare "yep" or 👍 answering the agent's request to check confirms, a bare "no" to it is
 * {@code still_broken}; and before any agent reply, a complaint is {@code still_broken} only if it names a failed
 * attempt (SIGNALS.md: "power-cycled it twice, still the same" is, "the export is still failing" is not).
 */
final class ContextRules {
    static final String YES_TO_CHECK = "builtin:confirm.yes-to-check";
    static final String NO_TO_CHECK = "builtin:still.no-to-check";
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>|@[\\w.-]+");
    private static final Pattern THUMBS_UP = Pattern.compile(
            "\uD83D\uDC4D|\u2705|\u2714|\uD83D\uDE4C|\uD83D\uDCAF|:\\+1:|:thumbsup:|:white_check_mark:|:heavy_check_mark:"
                    + "|:raised_hands:|:100:");
    private static final Pattern THUMBS_DOWN = Pattern.compile("\uD83D\uDC4E|:-1:|:thumbsdown:|\u274C|:x:");
    private static final Pattern NOT_A_WORD = Pattern.compile(":[a-z0-9_+-]+:|[^\\p{L}\\p{N}]+");
    private static final Set<String> YES = Set.of("yes", "yep", "yup", "yeah", "yea", "ya", "yas", "ja", "jep", "jup",
            "jo", "jupp", "jap", "yess", "sí", "si", "confirmed", "confirmo", "correct", "affirmative", "works", "working", "perfect",
            "thumbsyes", "does", "funktioniert", "funciona", "klappt", "läuft", "geht");
    private static final Set<String> YES_FILLER = Set.of("thanks", "thank", "you", "thx", "ty", "danke", "gracias",
            "now", "it", "does", "is", "all", "good", "looks", "great", "so", "far", "again", "cheers", "merci", "that",
            "did", "fine", "jetzt", "wieder", "ahora", "ya", "and", "we", "are", "s", "its", "thats", "here", "too");
    private static final Set<String> NO = Set.of("no", "nope", "nah", "nein", "negative", "not", "thumbsno");
    private static final Set<String> NO_FILLER = Set.of("still", "same", "sadly", "unfortunately", "not", "yet", "it",
            "does", "is", "no", "leider", "todavía", "aún", "sorry", "afraid", "i", "am", "im", "change");
    private static final Pattern ATTEMPT = Pattern.compile(
            "\\b(?:tried|trying|already|restart\\w*|reboot\\w*|reinstall\\w*|re install\\w*|cleared|clearing|"
                    + "power cycl\\w*|reset|rolled back|followed|complain\\w*|contacted|called|emailed|reported|raised|"
                    + "asked|ticket|spoke|talked|chatted|messaged|dealt|no avail|no response|no reply|nothing happened|"
                    + "nobody|no one|versucht|bereits|probiert|neu gestartet|geleert|intentado|intentamos|probado|probamos|"
                    + "reiniciado|reiniciamos|borrado|borramos|reinici\\S*|probé|intenté|borré|limpié|followed|reverted|redeployed|"
                    + "rotated|regenerated|re ?created|re ?installed|re ?ran|re ?run|retried|redid|did that|done that|told me|told us|"
                    + "was told|were told|promised|assured|(?:second|third|fourth|fifth) (?:time|ticket|request|email)|phoned|rang|"
                    + "mailed|messaged|spoke to|spoken to|talked to|no help|no assistance|no progress|"
                    + "(?:\\d+|two|three|four|five|six|several|multiple|many) (?:tweets|emails|calls|messages|dms|chats|visits)|"
                    + "nothing (?:has |is )?(?:come|came|coming) (?:of|from))(?![\\p{L}])");

    private static final Pattern HOPE = Pattern.compile(
            "\\b(?:hope|hoping|hopefully|fingers crossed|hoffentlich|hoffe|ojalá|ojala|espero|esperemos)\\b");

    private ContextRules() {
    }

    /** Applies the context rules to the built-in rules' findings {@code found} for one message. */
    static void apply(Map<Signal, String> found, String text, Role role, List<TextNormalizer.Clause> clauses,
                      ThreadContext context) {
        if (role != Role.CUSTOMER) {
            return;
        }
        Optional<ThreadContext.Turn> agent = context.last(Role.AGENT);
        if (agent.isEmpty() && found.containsKey(Signal.STILL_BROKEN) && !namesAttempt(clauses)) {
            found.remove(Signal.STILL_BROKEN);
        }
        if (agent.isPresent() && agent.get().cues().contains(Cue.CHECK_REQUEST)) {
            List<String> words = words(text);
            if (bare(words, YES, YES_FILLER)) {
                found.putIfAbsent(Signal.CUSTOMER_CONFIRMED, YES_TO_CHECK);
            } else if (bare(words, NO, NO_FILLER)) {
                found.putIfAbsent(Signal.STILL_BROKEN, NO_TO_CHECK);
            }
        }
    }

    /**
     * False for what SIGNALS.md excludes whatever the words, so the model may not claim it either: {@code still_broken}
     * on the opening turn without a failed attempt ("the export is still failing"), {@code customer_confirmed} in a
     * message that hopes ("hopefully it's fine now", "hoffentlich läuft es jetzt"), and {@code promise_made} in a
     * message that opens by asking the customer for something (a conditional commitment).
     */
    static boolean modelMayClaim(Signal signal, List<TextNormalizer.Clause> clauses, ThreadContext context) {
        if (signal == Signal.STILL_BROKEN) {
            return context.last(Role.AGENT).isPresent() || namesAttempt(clauses);
        }
        if (signal == Signal.PROMISE_MADE) {
            // a message that opens by asking the customer ("send us the order number and I'll check it",
            // "which store? I'll sort it") makes a conditional commitment, not a promise (real sample E)
            return clauses.isEmpty() || !SignalDetector.askedBefore(clauses, 1);
        }
        return signal != Signal.CUSTOMER_CONFIRMED || clauses.stream().noneMatch(c -> HOPE.matcher(c.text()).find());
    }

    private static boolean namesAttempt(List<TextNormalizer.Clause> clauses) {
        return clauses.stream().anyMatch(clause -> ATTEMPT.matcher(clause.text()).find());
    }

    /** The message's words, with markup dropped and thumbs up or down as the words "thumbsyes" and "thumbsno". */
    private static List<String> words(String text) {
        String work = MARKUP.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        work = THUMBS_UP.matcher(work).replaceAll(" thumbsyes ");
        work = THUMBS_DOWN.matcher(work).replaceAll(" thumbsno ");
        return Arrays.stream(NOT_A_WORD.matcher(work).replaceAll(" ").strip().split(" "))
                .filter(word -> !word.isEmpty()).toList();
    }

    /** A short message of answer words and fillers only, with at least one answer word. */
    private static boolean bare(List<String> words, Set<String> answers, Set<String> fillers) {
        return !words.isEmpty() && words.size() <= 6 && words.stream().anyMatch(answers::contains)
                && words.stream().allMatch(word -> answers.contains(word) || fillers.contains(word));
    }
}
