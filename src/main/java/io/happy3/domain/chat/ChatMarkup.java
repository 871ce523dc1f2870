package io.happy3.domain.chat;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Port: how one platform writes and reads mentions and links in message text (Slack's {@code <@U123|name>}
 * and {@code <https://…|label>}, the Teams adapter's {@code <at id="…">name</at>} and {@code [label](https://…)}).
 * The core never writes or parses platform syntax itself: it asks the markup of the platform the text came from
 * or goes to.
 */
public interface ChatMarkup {
    /** Text the platform shows as a mention of the person with this id. */
    String mentionUser(String userId);

    /** Text the platform shows as a mention of the user group with this id. */
    String mentionGroup(String groupId);

    /** Text the platform shows as {@code label}, linking to {@code url} (a permalink, say). */
    String link(String url, String label);

    /** The ids of the people mentioned in {@code text}, in order. */
    List<String> users(String text);

    /** The ids of the user groups mentioned in {@code text}, in order; none on a platform without groups. */
    default List<String> groups(String text) {
        return List.of();
    }

    /** {@code word} as this platform's mention of a person, if it is one. */
    Optional<Mentioned> person(String word);

    /** {@code word} as this platform's mention of a channel, if it is one; never on a platform without them. */
    default Optional<Mentioned> channel(String word) {
        return Optional.empty();
    }

    /** True when {@code bare} (typed after "@") is shaped like this platform's user id rather than a name. */
    boolean isUserId(String bare);

    /** Who administers where a command runs, as people on this platform call them (a refusal names them). */
    default String administrators() {
        return "workspace admins and owners";
    }

    /** One of {@link #administrators}, with its article. */
    default String anAdministrator() {
        return "an admin";
    }

    /** True when {@code bare} (typed after "#") is shaped like this platform's channel id rather than a name. */
    default boolean isChannelId(String bare) {
        return false;
    }

    /** The first group of every match of {@code matcher}: the ids a mention pattern finds in a text. */
    static List<String> ids(Matcher matcher) {
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** A mention read from text: the id, and the name shown with it when the platform sends one. */
    record Mentioned(String id, Optional<String> name) {
        public Mentioned {
            requireNonNull(id, "id == null");
            requireNonNull(name, "name == null");
        }
    }
}
