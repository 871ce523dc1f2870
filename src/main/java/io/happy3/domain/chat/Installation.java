package io.happy3.domain.chat;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The bot installed in one tenant (a Slack workspace via OAuth, a Teams tenant). {@code botToken} and
 * {@code refreshToken} are secrets: never logged. With token rotation the bot token expires at
 * {@code tokenExpiresAt} and the refresh token gets a new one. {@code details} is adapter-owned JSON (scopes,
 * bot user id, service URL).
 */
public record Installation(Platform platform, String tenant, Optional<String> botUserId, Optional<String> botToken,
                           String details, Instant installedAt, Optional<String> refreshToken,
                           Optional<Instant> tokenExpiresAt) {
    public Installation {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(botUserId, "botUserId == null");
        requireNonNull(botToken, "botToken == null");
        requireNonNull(details, "details == null");
        requireNonNull(installedAt, "installedAt == null");
        requireNonNull(refreshToken, "refreshToken == null");
        requireNonNull(tokenExpiresAt, "tokenExpiresAt == null");
    }

    /** An installation whose token does not expire (no rotation). */
    public Installation(Platform platform, String tenant, Optional<String> botUserId, Optional<String> botToken,
                        String details, Instant installedAt) {
        this(platform, tenant, botUserId, botToken, details, installedAt, Optional.empty(), Optional.empty());
    }

    /** The same installation after a token refresh. */
    public Installation withTokens(String newBotToken, Optional<String> newRefreshToken, Optional<Instant> expiresAt) {
        return new Installation(platform, tenant, botUserId, Optional.of(newBotToken), details, installedAt,
                newRefreshToken.or(() -> refreshToken), expiresAt);
    }

    @Override
    public String toString() {
        return "Installation[" + platform + " " + tenant + " bot=" + botUserId.orElse("?") + " token=***"
                + tokenExpiresAt.map(at -> " expires " + at).orElse("") + "]";
    }
}
