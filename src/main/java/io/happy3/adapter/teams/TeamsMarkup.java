package io.happy3.adapter.teams;

import io.happy3.domain.chat.ChatMarkup;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mentions in Teams command text. Teams writes a mention as {@code <at>Name</at>} and names the person in
 * the activity's entities; {@link TeamsActivities#commandText} folds the two into one token
 * {@code <at id="29:…"/>} (no spaces, so a command's words stay words), which this class reads and writes.
 * Before anything is sent, the gateway replaces each such token by the person's name ({@link #named}), so
 * replies and cards say "Alex Agent", never {@code 29:…}. Teams has no user groups.
 */
public final class TeamsMarkup implements ChatMarkup {
    private static final Pattern USER = Pattern.compile("<at id=\"([^\"<>\\s]+)\"/>");

    /** The token {@link TeamsActivities#commandText} writes for a mention of {@code id}. */
    static String token(String id) {
        return "<at id=\"" + id + "\"/>";
    }

    /** Teams renders Markdown in a bot's message text. */
    @Override
    public String link(String url, String label) {
        return "[" + label + "](" + url + ")";
    }

    @Override
    public String mentionUser(String userId) {
        return token(userId);
    }

    /** {@code text} with every mention token replaced by {@code name} of its id. */
    static String named(String text, java.util.function.Function<String, String> name) {
        return USER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(name.apply(match.group(1))));
    }

    @Override
    public String mentionGroup(String groupId) {
        return groupId;
    }

    @Override
    public List<String> users(String text) {
        return ChatMarkup.ids(USER.matcher(text));
    }

    @Override
    public Optional<Mentioned> person(String word) {
        Matcher matcher = USER.matcher(word);
        return matcher.matches() ? Optional.of(new Mentioned(matcher.group(1), Optional.empty())) : Optional.empty();
    }

    /** Teams user ids look like {@code 29:1AbC…} (Bot Framework) or a GUID (AAD object id). */
    @Override
    public boolean isUserId(String bare) {
        return bare.startsWith("29:") || bare.matches("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}");
    }

    /** Teams channel ids look like {@code 19:…@thread.tacv2}. */
    @Override
    public boolean isChannelId(String bare) {
        return bare.startsWith("19:");
    }

    @Override
    public String administrators() {
        return "this team's owners";
    }

    @Override
    public String anAdministrator() {
        return "a team owner";
    }
}
