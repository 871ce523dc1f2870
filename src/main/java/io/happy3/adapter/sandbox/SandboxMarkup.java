package io.happy3.adapter.sandbox;

import io.happy3.domain.chat.ChatMarkup;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mentions in the browser sandbox, where people type plain text: {@code @agent} names the sandbox person
 * with that id. There are no user groups or channel mentions, and the person mentioned in {@code /review}
 * is matched by name, as typed.
 */
final class SandboxMarkup implements ChatMarkup {
    private static final Pattern USER = Pattern.compile("(?<![\\w@])@([a-z][a-z0-9_-]*)");

    /** The sandbox page shows plain text: the label, then where it leads. */
    @Override
    public String link(String url, String label) {
        return label + " (" + url + ")";
    }

    @Override
    public String mentionUser(String userId) {
        return "@" + userId;
    }

    @Override
    public String mentionGroup(String groupId) {
        return "@" + groupId;
    }

    @Override
    public List<String> users(String text) {
        return ChatMarkup.ids(USER.matcher(text)).stream().filter(id -> SandboxPeople.find(id).isPresent()).toList();
    }

    @Override
    public Optional<Mentioned> person(String word) {
        return Optional.empty();
    }

    @Override
    public boolean isUserId(String bare) {
        return false;
    }
}
