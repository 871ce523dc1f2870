package io.happy3.domain.customer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a customer's sentence that states the result they need ("we need the nightly export in finance by 8am",
 * "it has to work before Monday's payroll run"). Only offered to the agent as a suggestion, never recorded on its
 * own: a false match costs one ignored line, a missed one nothing. Pure and deterministic.
 */
public final class DesiredResultSentence {
    private static final Pattern NEED = Pattern.compile(
            "\\b(?:we|i|they|our team|finance|the team)\\s+(?:really\\s+)?(?:need|needs|must have|have to have)\\s+"
                    + "(?!help\\b|to know\\b|you\\b|an update\\b|a call\\b)"
                    + "|\\b(?:it|this|that|the \\w+)\\s+(?:has|have|needs) to (?:work|be \\w+|run|land|arrive)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?\\n]");

    private DesiredResultSentence() {
    }

    /** The sentence of {@code text} that states a needed result, if one does. */
    public static Optional<String> find(String text) {
        Matcher matcher = NEED.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int start = sentenceStart(text, matcher.start());
        Matcher end = SENTENCE_END.matcher(text);
        int stop = end.find(matcher.end()) ? end.start() : text.length();
        String sentence = text.substring(start, stop).strip();
        if (sentence.length() < 12 || sentence.length() > DesiredResult.MAX_LENGTH
                || sentence.toLowerCase(Locale.ROOT).endsWith("need")) {
            return Optional.empty();
        }
        return Optional.of(sentence);
    }

    private static int sentenceStart(String text, int from) {
        for (int i = from - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}
