package io.happy3.adapter.signalmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chat text as the model reads it: lower-case word tokens, with Slack and Teams markup (mentions, links, code
 * blocks) and emoji, as {@code :shortcodes:} or unicode, turned into stable tokens. Stateless and thread-safe.
 */
final class ModelText {
    private static final Pattern CODE_BLOCK = Pattern.compile("```.*?```|`[^`]*`", Pattern.DOTALL);
    private static final Pattern SLACK_LINK = Pattern.compile("<(?:https?|mailto):[^|>]*\\|([^>]*)>");
    private static final Pattern SLACK_MENTION = Pattern.compile("<[@#!][^>]*>|<at>[^<]*</at>|@[\\w.-]+");
    private static final Pattern URL = Pattern.compile("<?(?:https?://|www\\.)[^\\s>)]+>?");
    private static final Pattern SHORTCODE = Pattern.compile(":([a-z0-9_+-]+):");
    private static final Pattern APOSTROPHE = Pattern.compile("['\u2018\u2019\u02BC`\u00B4]");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[?!]|_[a-z]+_");
    private static final Map<String, String> EMOJI = Map.ofEntries(
            Map.entry("+1", "thumbsup"), Map.entry("thumbsup", "thumbsup"), Map.entry("\uD83D\uDC4D", "thumbsup"),
            Map.entry("white_check_mark", "check"), Map.entry("heavy_check_mark", "check"),
            Map.entry("\u2705", "check"), Map.entry("\u2714", "check"),
            Map.entry("pray", "pray"), Map.entry("\uD83D\uDE4F", "pray"),
            Map.entry("tada", "party"), Map.entry("\uD83C\uDF89", "party"), Map.entry("raised_hands", "party"),
            Map.entry("\uD83D\uDE4C", "party"), Map.entry("heart", "party"), Map.entry("\u2764", "party"),
            Map.entry("rage", "angry"), Map.entry("\uD83D\uDE21", "angry"), Map.entry("angry", "angry"),
            Map.entry("\uD83D\uDE20", "angry"), Map.entry("face_with_rolling_eyes", "eyeroll"),
            Map.entry("roll_eyes", "eyeroll"), Map.entry("\uD83D\uDE44", "eyeroll"),
            Map.entry("disappointed", "sad"), Map.entry("\uD83D\uDE1E", "sad"), Map.entry("cry", "sad"),
            Map.entry("\uD83D\uDE22", "sad"), Map.entry("eyes", "eyes"), Map.entry("\uD83D\uDC40", "eyes"),
            Map.entry("wave", "wave"), Map.entry("\uD83D\uDC4B", "wave"));

    private ModelText() {
    }

    /** The tokens of {@code text}: words, "?" and "!", and {@code _name_} for markup and emoji. */
    static List<String> tokens(String text) {
        String work = CODE_BLOCK.matcher(text).replaceAll(" _code_ ");
        work = SLACK_LINK.matcher(work).replaceAll(" $1 ");
        work = SLACK_MENTION.matcher(work).replaceAll(" _mention_ ");
        work = URL.matcher(work).replaceAll(" _url_ ");
        work = APOSTROPHE.matcher(work.toLowerCase(Locale.ROOT)).replaceAll("");
        Matcher codes = SHORTCODE.matcher(work);
        StringBuilder named = new StringBuilder();
        while (codes.find()) {
            codes.appendReplacement(named, " _" + EMOJI.getOrDefault(codes.group(1), "emoji") + "_ ");
        }
        codes.appendTail(named);
        StringBuilder out = new StringBuilder(named.length() + 16);
        named.codePoints().forEach(point -> {
            String emoji = EMOJI.get(new String(Character.toChars(point)));
            if (emoji != null) {
                out.append(" _").append(emoji).append("_ ");
            } else if (isEmoji(point)) {
                out.append(" _emoji_ ");
            } else {
                out.appendCodePoint(point);
            }
        });
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(out);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static boolean isEmoji(int point) {
        return point >= 0x1F300 && point <= 0x1FAFF || point >= 0x2600 && point <= 0x27BF;
    }
}
