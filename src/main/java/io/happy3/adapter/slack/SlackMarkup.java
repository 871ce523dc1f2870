package io.happy3.adapter.slack;

import io.happy3.domain.chat.ChatMarkup;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's escaped mention forms (docs: "Formatting text for app surfaces"): users {@code <@U123|name>} or
 * {@code <@U123>}, user groups {@code <!subteam^S123|@name>}, channels {@code <#C123|name>}. The demo and
 * the console speak them too.
 */
public final class SlackMarkup implements ChatMarkup {
    private static final Pattern USER = Pattern.compile("<@([A-Za-z0-9._:-]+)(?:\\|([^>]*))?>");
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^([A-Za-z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL = Pattern.compile("<#([A-Za-z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

    @Override
    public String link(String url, String label) {
        return "<" + url + "|" + label + ">";
    }

    @Override
    public String mentionUser(String userId) {
        return "<@" + userId + ">";
    }

    @Override
    public String mentionGroup(String groupId) {
        return "<!subteam^" + groupId + ">";
    }

    @Override
    public List<String> users(String text) {
        return ChatMarkup.ids(USER.matcher(text));
    }

    @Override
    public List<String> groups(String text) {
        return ChatMarkup.ids(GROUP.matcher(text));
    }

    @Override
    public Optional<Mentioned> person(String word) {
        return whole(USER.matcher(word));
    }

    @Override
    public Optional<Mentioned> channel(String word) {
        return whole(CHANNEL.matcher(word));
    }

    @Override
    public boolean isUserId(String bare) {
        return USER_ID.matcher(bare).matches();
    }

    @Override
    public boolean isChannelId(String bare) {
        return CHANNEL_ID.matcher(bare).matches();
    }

    private static Optional<Mentioned> whole(Matcher matcher) {
        return matcher.matches() ? Optional.of(new Mentioned(matcher.group(1),
                Optional.ofNullable(matcher.group(2)).filter(name -> !name.isBlank()))) : Optional.empty();
    }
}
