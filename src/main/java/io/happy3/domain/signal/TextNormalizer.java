package io.happy3.domain.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw chat text into lower-case words split into clauses, so that matchers can ignore case, punctuation,
 * links, mentions, emoji and spelling of contractions. Stateless and thread-safe.
 */
final class TextNormalizer {
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MENTION = Pattern.compile("@\\w+");
    private static final Pattern ENTITY = Pattern.compile("&(?:amp|gt|lt|quot|#39);");
    // Eye-roll, upside-down face, angry and similar emoji turn thanks into sarcasm; keep them as a word.
    private static final Pattern SARCASTIC_EMOJI =
            Pattern.compile("[\\x{1F644}\\x{1F643}\\x{1F621}\\x{1F624}\\x{1F612}\\x{1F620}\\x{1F92C}\\x{1F611}\\x{1F610}]");
    private static final Pattern APOSTROPHE = Pattern.compile("[\u2018\u2019\u02BC\u0060\u00B4]");
    private static final Pattern NOT_CONTRACTION = Pattern.compile("\\b(can|won|ain|shan)'?t\\b|n't\\b");
    private static final Pattern WORD_CONTRACTION = Pattern.compile(
            "\\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)n'?t\\b");
    private static final Pattern SUFFIX = Pattern.compile("'(ll|ve|re|m|d)\\b");
    private static final Pattern BARE = Pattern.compile(
            "\\b(ill|im|ive|youre|youll|theyre|theyll|thats|whats|theres|heres|lets|its|it's|that's|what's|there's|"
                    + "here's|let's|cannot|dosnt|doesent|gonna|wanna|u|ur|pls|plz|thx|thnx|thanx|thankx|thankyou|thku|tks|thks)\\b");
    private static final Pattern DIGIT_COLON = Pattern.compile("(\\d):(\\d)");
    private static final Pattern CLAUSE_END = Pattern.compile("[.!?;,:\\n]+");
    // Letters of any script survive ("zurückgesetzt", "está"): German and Spanish rules match them.
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}?.!;,:\\n ]+");
    private static final Pattern DASH = Pattern.compile("\\s[-\u2013\u2014]+\\s");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern CONDITION_START =
            Pattern.compile("^(?:and |but |so )?(?:if|once|when|unless|as soon as|after|in case)\\b");
    private static final Pattern QUESTION_START = Pattern.compile(
            "^(?:so |and |but |hi |hey |also )?(?:is|are|does|do|did|has|have|can|could|will|would|was|were|should|"
                    + "any|how|why|when|what|where|which|who)\\b(?! not\\b)"
                    // "did that and it's fine now", "did the hard refresh, still blank": a report of an action, not a question
                    + "(?<!did(?= (?:that|this|it|so|both|all|everything|the \\w+(?: \\w+)?) (?:and|but|twice|already|again|too|"
                    + "yesterday|this morning)\\b)|did(?= (?:that|this|it|so|both|all|everything|the \\w+(?: \\w+)?)$))");

    private TextNormalizer() {
    }

    /** Normalises {@code text} and splits it into clauses at sentence punctuation and commas. */
    static List<Clause> clauses(String text) {
        String normalized = normalize(text);
        List<Clause> clauses = new ArrayList<>();
        Matcher end = CLAUSE_END.matcher(normalized);
        int start = 0;
        while (end.find()) {
            String clause = normalized.substring(start, end.start());
            if (end.group().equals(",") && CONDITION_START.matcher(clause.strip()).find()) {
                continue; // "if you DM us, we will look" stays one clause so the condition still applies
            }
            add(clauses, clause, end.group().contains("?"));
            start = end.end();
        }
        add(clauses, normalized.substring(start), false);
        return List.copyOf(clauses);
    }

    /** Lower case, straight apostrophes, expanded contractions, no links, mentions or emoji; keeps clause marks. */
    static String normalize(String text) {
        String result = URL.matcher(text).replaceAll(" ");
        result = MENTION.matcher(result).replaceAll(" ");
        result = ENTITY.matcher(result).replaceAll(" and ");
        result = SARCASTIC_EMOJI.matcher(result).replaceAll(" sarcasmcue ");
        result = APOSTROPHE.matcher(result).replaceAll("'");
        result = result.toLowerCase(Locale.ROOT).replace('#', ' ');
        result = DIGIT_COLON.matcher(result).replaceAll("$1h$2");
        result = WORD_CONTRACTION.matcher(result).replaceAll("$1 not");
        result = NOT_CONTRACTION.matcher(result).replaceAll(match -> notContraction(match.group(1)));
        result = SUFFIX.matcher(result).replaceAll(match -> " " + suffix(match.group(1)));
        result = BARE.matcher(result).replaceAll(match -> bare(match.group(1)));
        result = result.replace("'", "");
        result = DASH.matcher(result).replaceAll(" , "); // "that did not help - thanks!" is two clauses
        result = NON_WORD.matcher(result).replaceAll(" ");
        return SPACES.matcher(result).replaceAll(" ").strip();
    }

    private static void add(List<Clause> clauses, String raw, boolean questionMark) {
        String text = SPACES.matcher(raw).replaceAll(" ").strip();
        if (!text.isEmpty()) {
            clauses.add(new Clause(text, questionMark || QUESTION_START.matcher(text).find()));
        }
    }

    private static String notContraction(String stem) {
        if (stem == null) {
            return " not";
        }
        return switch (stem) {
            case "can" -> "can not";
            case "won" -> "will not";
            case "shan" -> "shall not";
            default -> "is not";
        };
    }

    private static String suffix(String suffix) {
        return switch (suffix) {
            case "ll" -> "will";
            case "ve" -> "have";
            case "re" -> "are";
            case "m" -> "am";
            default -> "would";
        };
    }

    private static String bare(String word) {
        return switch (word) {
            case "ill" -> "i will";
            case "im" -> "i am";
            case "ive" -> "i have";
            case "youre" -> "you are";
            case "youll" -> "you will";
            case "theyre" -> "they are";
            case "theyll" -> "they will";
            case "thats", "that's" -> "that is";
            case "whats", "what's" -> "what is";
            case "theres", "there's" -> "there is";
            case "heres", "here's" -> "here is";
            case "lets", "let's" -> "let us";
            case "its", "it's" -> "it is";
            case "cannot" -> "can not";
            case "dosnt", "doesent" -> "does not";
            case "gonna" -> "going to";
            case "wanna" -> "want to";
            case "u" -> "you";
            case "ur" -> "your";
            case "pls", "plz" -> "please";
            default -> "thanks";
        };
    }

    /** One clause of a message; {@code question} is true when it ends in "?" or opens like a question. */
    record Clause(String text, boolean question) {
    }
}
