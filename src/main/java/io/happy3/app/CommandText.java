package io.happy3.app;


/**
 * Splits the arguments of chat commands into words. Mentions in them are read by the platform's
 * {@link io.happy3.domain.chat.ChatMarkup}, never here.
 */
public final class CommandText {
    private CommandText() {
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
}
