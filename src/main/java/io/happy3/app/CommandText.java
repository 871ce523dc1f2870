package io.happy3.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the arguments of chat commands. Mentions use Slack's escaped forms, which the Teams adapter
 * produces too: users {@code <@U123|name>} or {@code <@U123>}, user groups {@code <!subteam^S123|@name>},
 * channels {@code <#C123|name>}.
 */
public final class CommandText {
    private static final Pattern USER = Pattern.compile("<@([A-Za-z0-9._:-]+)(?:\\|[^>]*)?>");
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^([A-Za-z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL = Pattern.compile("<#([A-Za-z0-9._:@-]+)(?:\\|([^>]*))?>");

    private CommandText() {
    }

    public static List<String> users(String text) {
        return all(USER.matcher(text));
    }

    public static List<String> groups(String text) {
        return all(GROUP.matcher(text));
    }

    public static List<String> channels(String text) {
        return all(CHANNEL.matcher(text));
    }

    /** The first word, lower-cased ({@code ""} for blank text). */
    public static String verb(String text) {
        String trimmed = text.strip();
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
    }

    /** Everything after the first word. */
    public static String rest(String text) {
        String trimmed = text.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? "" : trimmed.substring(space + 1).strip();
    }

    private static List<String> all(Matcher matcher) {
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
