package io.happy3.domain.chat;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The bot installed in one tenant (a Slack workspace via OAuth, a Teams tenant). {@code botToken} is a
 * secret: never logged. {@code details} is adapter-owned JSON (scopes, bot user id, service URL).
 */
public record Installation(Platform platform, String tenant, Optional<String> botUserId, Optional<String> botToken,
                           String details, Instant installedAt) {
    public Installation {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(botUserId, "botUserId == null");
        requireNonNull(botToken, "botToken == null");
        requireNonNull(details, "details == null");
        requireNonNull(installedAt, "installedAt == null");
    }

    @Override
    public String toString() {
        return "Installation[" + platform + " " + tenant + " bot=" + botUserId.orElse("?") + " token=***]";
    }
}
