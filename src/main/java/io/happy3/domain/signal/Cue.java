package io.happy3.domain.signal;

import io.happy3.domain.issue.Role;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a message did in the conversation, kept instead of its text so that the next message can be read in
 * context: "yes" after {@link #CHECK_REQUEST} ("can you check whether it works now?") confirms, "yes" after a
 * plain {@link #QUESTION} ("did you create the key with the billing scope?") does not.
 */
public enum Cue {
    /** The agent asked the customer to check, retry or report the outcome. */
    CHECK_REQUEST,
    /** The message asks a question (a diagnostic question, or a customer's question). */
    QUESTION;

    private static final Pattern CHECK = Pattern.compile(
            "\\b(?:check (?:whether|if|again|now|on your)|try (?:again|it again|once more|now)|retry|give it (?:a|another) "
                    + "(?:go|try|shot)|test(?:ing)? (?:again|once more|it now)|(?:can|could) you confirm|confirm on your"
                    + "|does it work|is it working|working for you now|were you able|let (?:us|me) know if it (?:still|"
                    + "works|helps)|mind (?:checking|testing)|nochmal (?:testen|probieren)|probar de nuevo|prueba otra"
                    + "|funktioniert es|te funciona|can you verify|any luck|still (?:working|running|fine|good|all good|ok|on time)"
                    + "|holding up|any more|läuft noch|sigue funcionando)");
    private static final Pattern QUESTION_MARK = Pattern.compile("\\?\\s*(?:[\\p{So}\\p{Sk}:a-z_+-]*\\s*)*$");
    private static final Pattern QUESTION_START = Pattern.compile(
            "^(?:\\S+ )?(?:is|are|does|do|did|has|have|can|could|will|would|was|were|which|what|when|where|who|how)\\b");

    /** The cues of {@code text} written in {@code role}; computed once, so the text itself need not be kept. */
    public static Set<Cue> of(String text, Role role) {
        String lower = text.toLowerCase(Locale.ROOT).strip();
        Set<Cue> cues = EnumSet.noneOf(Cue.class);
        if (role == Role.AGENT && CHECK.matcher(lower).find()) {
            cues.add(CHECK_REQUEST);
        }
        if (lower.contains("?") || lower.startsWith("¿") || QUESTION_MARK.matcher(lower).find()
                || QUESTION_START.matcher(lower).find() && lower.length() < 80) {
            cues.add(QUESTION);
        }
        return cues;
    }
}
