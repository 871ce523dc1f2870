package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.OAuthStateService;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthRedirectUriPageRenderer;
import io.happy3.domain.chat.InstallationStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Multi-workspace install on Bolt's OAuth flow: {@code GET /slack/install} redirects to Slack's consent
 * page, {@code GET /slack/oauth_redirect} checks the state and lets Bolt exchange the code
 * ({@code oauth.v2.access}) and save through {@link SlackInstallations}. What is ours: the state is
 * stateless (expiry + nonce, HMAC-signed with the client secret), so any replica can finish an install
 * another started, and it is also set as a cookie that must match; a bad or expired state is a 400 page.
 */
final class SlackInstallFlow implements OAuthStateService, OAuthRedirectUriPageRenderer {
    /** The bot scopes the app asks for; deploy/slack/manifest*.yaml list the same. */
    static final String SCOPES = String.join(",", "app_mentions:read", "channels:history",
            "chat:write", "commands", "files:write", "groups:history", "im:history", "im:read",
            "im:write", "reactions:read", "team:read", "usergroups:read", "users:read");
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private final String clientId;
    private final String clientSecret;
    private final SlackInstallations installations;
    private final Clock clock;
    private final SlackSignatureVerifier stateSigner;
    private final SecureRandom random = new SecureRandom();

    SlackInstallFlow(String clientId, String clientSecret, InstallationStore installations, Clock clock) {
        this.clientId = requireNonNull(clientId, "clientId == null");
        this.clientSecret = requireNonNull(clientSecret, "clientSecret == null");
        this.clock = requireNonNull(clock, "clock == null");
        this.installations = new SlackInstallations(installations, clock);
        this.stateSigner = new SlackSignatureVerifier(clientSecret, clock);
    }

    /** The OAuth part of Bolt's configuration. */
    AppConfig.AppConfigBuilder configure(AppConfig.AppConfigBuilder config) {
        return config.clientId(clientId).clientSecret(clientSecret).scope(SCOPES).appPath("/slack")
                .oauthInstallPath("/install").oauthRedirectUriPath("/oauth_redirect")
                .oAuthInstallPageRenderingEnabled(false).oAuthRedirectUriPageRenderer(this);
    }

    /** Turns the flow on for {@code app}. */
    void install(App app) {
        app.asOAuthApp(true);
        app.service((OAuthStateService) this);
        app.service(installations);
        app.oauthCallbackStateError((request, response) -> {
            response.setStatusCode(400);
            response.setContentType("text/html; charset=utf-8");
            response.setBody(page("This install link expired or was not started here. Start again at /slack/install."));
            return response;
        });
    }

    // ---- state ----

    @Override
    public String getSessionCookieName() {
        return "happy3_slack_state";
    }

    @Override
    public long getExpirationInSeconds() {
        return STATE_LIFETIME.toSeconds();
    }

    @Override
    public String generateNewStateValue() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String expires = Long.toString(clock.instant().plus(STATE_LIFETIME).getEpochSecond());
        String body = expires + "." + HexFormat.of().formatHex(nonce);
        return body + "." + mac(body);
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        int first = state.indexOf('.');
        int last = state.lastIndexOf('.');
        if (first <= 0 || last <= first) {
            return false;
        }
        try {
            long expires = Long.parseLong(state.substring(0, first));
            return MessageDigest.isEqual(mac(state.substring(0, last)).getBytes(StandardCharsets.US_ASCII),
                    state.substring(last + 1).getBytes(StandardCharsets.US_ASCII))
                    && clock.instant().getEpochSecond() <= expires;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void addNewStateToDatastore(String state) {
        // stateless: the state carries its own expiry and signature
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        // stateless; Bolt deletes the cookie
    }

    private String mac(String body) {
        return stateSigner.sign("state", body.getBytes(StandardCharsets.UTF_8)).substring(3);
    }

    // ---- pages ----

    @Override
    public String renderSuccessPage(Installer installer, String completionUrl) {
        String team = installer instanceof DefaultInstaller known && known.getTeamName() != null
                ? known.getTeamName() : installer.getTeamId();
        return page("Happy3 is installed in " + escape(team) + ". Invite @happy3 to a support channel and run "
                + "/happy3 follow. You are its first lead.");
    }

    @Override
    public String renderFailurePage(String installPath, String reason) {
        // Bolt passes an exception's message here too: only Slack's short error codes are shown.
        String shown = reason != null && reason.matches("[a-z_]{1,60}") ? reason : "internal_error";
        return page("The installation did not finish (" + shown + "). Start again at " + escape(installPath) + ".");
    }

    private static String page(String text) {
        return "<!doctype html><title>Happy3</title><p>" + text + "</p>\n";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
