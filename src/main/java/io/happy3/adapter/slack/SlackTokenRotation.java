package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.oauth.OAuthV2AccessResponse;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.nudge.ChatDeliveryException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack token rotation: a workspace installed with rotation on has a bot token that expires after 12 hours and
 * a refresh token. The token is refreshed ({@code oauth.v2.access} with {@code grant_type=refresh_token}) when
 * it is within {@link #AHEAD} of expiring, or at once when Slack answers {@code token_expired}; the new token,
 * refresh token and expiry are saved (encrypted by the JDBC store). One refresh per workspace at a time in this
 * process; another replica refreshing too only gets another valid token. Thread-safe.
 */
final class SlackTokenRotation {
    /** Refresh this long before the expiry, so no call goes out with a token about to die. */
    static final Duration AHEAD = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SlackTokenRotation.class);

    private final Slack slack;
    private final InstallationStore installations;
    private final Optional<String> clientId;
    private final Optional<String> clientSecret;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    SlackTokenRotation(Slack slack, InstallationStore installations, Optional<String> clientId,
                       Optional<String> clientSecret, Clock clock) {
        this.slack = requireNonNull(slack, "slack == null");
        this.installations = requireNonNull(installations, "installations == null");
        this.clientId = requireNonNull(clientId, "clientId == null");
        this.clientSecret = requireNonNull(clientSecret, "clientSecret == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** The workspace's bot token, refreshed first when it expires within {@link #AHEAD}. */
    String token(String team) {
        Installation installation = installations.find(Platform.SLACK, team)
                .filter(found -> found.botToken().isPresent())
                .orElseThrow(() -> ChatDeliveryException.permanentFailure("no Slack installation for team " + team));
        if (installation.tokenExpiresAt().filter(at -> !clock.instant().plus(AHEAD).isBefore(at)).isPresent()) {
            return refresh(team, installation.botToken().get());
        }
        return installation.botToken().get();
    }

    /** True when the workspace's token can be refreshed (rotation on, and the app's client id and secret known). */
    boolean rotates(String team) {
        return clientId.isPresent() && clientSecret.isPresent() && installations.find(Platform.SLACK, team)
                .flatMap(Installation::refreshToken).isPresent();
    }

    /**
     * Refreshes the workspace's token unless another thread already replaced {@code expired}; returns the token
     * to use. Fails permanently when Slack refuses the refresh token (the app was uninstalled or rotation is off).
     */
    String refresh(String team, String expired) {
        synchronized (locks.computeIfAbsent(team, key -> new Object())) {
            Installation current = installations.find(Platform.SLACK, team).orElseThrow(
                    () -> ChatDeliveryException.permanentFailure("no Slack installation for team " + team));
            if (current.botToken().filter(token -> !token.equals(expired)).isPresent()) {
                return current.botToken().get();
            }
            if (current.refreshToken().isEmpty() || clientId.isEmpty() || clientSecret.isEmpty()) {
                throw ChatDeliveryException.permanentFailure("the bot token of Slack team " + team + " expired and "
                        + "cannot be refreshed (needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and a refresh token)");
            }
            OAuthV2AccessResponse response = exchange(current.refreshToken().get());
            Optional<Instant> expiresAt = Optional.ofNullable(response.getExpiresIn())
                    .map(seconds -> clock.instant().plusSeconds(seconds));
            installations.save(current.withTokens(response.getAccessToken(),
                    Optional.ofNullable(response.getRefreshToken()), expiresAt));
            log.info("refreshed the bot token of Slack team {} (expires {})", team,
                    expiresAt.map(Instant::toString).orElse("never"));
            return response.getAccessToken();
        }
    }

    private OAuthV2AccessResponse exchange(String refreshToken) {
        try {
            OAuthV2AccessResponse response = slack.methods().oauthV2Access(request -> request
                    .clientId(clientId.get()).clientSecret(clientSecret.get()).grantType("refresh_token")
                    .refreshToken(refreshToken));
            if (!response.isOk() || response.getAccessToken() == null) {
                throw ChatDeliveryException.permanentFailure("Slack refused the token refresh: "
                        + response.getError());
            }
            return response;
        } catch (IOException | SlackApiException e) {
            throw ChatDeliveryException.transientFailure("oauth.v2.access (refresh): " + e.getMessage(), e);
        }
    }
}
