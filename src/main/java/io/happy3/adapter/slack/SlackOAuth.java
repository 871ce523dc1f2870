package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.methods.response.oauth.OAuthV2AccessResponse;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-workspace install: {@code GET /slack/install} sends the browser to Slack's consent page with a
 * signed, expiring {@code state} that is also set as a cookie; {@code GET /slack/oauth_redirect} checks both,
 * exchanges the code with {@code oauth.v2.access} and stores the workspace's bot token through the
 * {@link InstallationStore}. The state is stateless (HMAC with the client secret), so any replica can
 * finish an install another started.
 */
final class SlackOAuth {
    static final String SCOPES = String.join(",", "app_mentions:read", "channels:history", "channels:read",
            "chat:write", "commands", "files:write", "groups:history", "groups:read", "im:write",
            "reactions:read", "usergroups:read", "users:read");
    private static final String AUTHORIZE_URL = "https://slack.com/oauth/v2/authorize";
    private static final String COOKIE = "happy3_slack_state";
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SlackOAuth.class);

    private final String clientId;
    private final String clientSecret;
    private final SlackWebApi api;
    private final InstallationStore installations;
    private final Clock clock;
    private final SlackSignatureVerifier stateSigner;
    private final SecureRandom random = new SecureRandom();

    SlackOAuth(String clientId, String clientSecret, SlackWebApi api, InstallationStore installations, Clock clock) {
        this.clientId = requireNonNull(clientId, "clientId == null");
        this.clientSecret = requireNonNull(clientSecret, "clientSecret == null");
        this.api = requireNonNull(api, "api == null");
        this.installations = requireNonNull(installations, "installations == null");
        this.clock = requireNonNull(clock, "clock == null");
        this.stateSigner = new SlackSignatureVerifier(clientSecret, clock);
    }

    HttpServlet installServlet() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String state = newState();
                Cookie cookie = new Cookie(COOKIE, state);
                cookie.setHttpOnly(true);
                cookie.setSecure(request.isSecure());
                cookie.setPath("/slack");
                cookie.setMaxAge((int) STATE_LIFETIME.toSeconds());
                response.addCookie(cookie);
                response.sendRedirect(AUTHORIZE_URL + "?client_id=" + encode(clientId) + "&scope=" + encode(SCOPES)
                        + "&state=" + encode(state));
            }
        };
    }

    HttpServlet redirectServlet() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                try {
                    finish(request, response);
                } catch (RuntimeException e) {
                    log.error("Slack install failed", e);
                    page(response, 500, "The installation failed. Please try again from /slack/install.");
                }
            }
        };
    }

    private void finish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String state = request.getParameter("state");
        String code = request.getParameter("code");
        if (request.getParameter("error") != null) {
            page(response, 200, "The installation was cancelled (" + escape(request.getParameter("error")) + ").");
            return;
        }
        if (code == null || state == null || !validState(state) || !state.equals(cookie(request).orElse(""))) {
            page(response, 400, "This install link expired or was not started here. Start again at /slack/install.");
            return;
        }
        OAuthV2AccessResponse access;
        try {
            access = api.slack().methods().oauthV2Access(exchange -> exchange.clientId(clientId)
                    .clientSecret(clientSecret).code(code));
        } catch (com.slack.api.methods.SlackApiException e) {
            throw new IllegalStateException("oauth.v2.access: HTTP " + e.getResponse().code(), e);
        }
        if (!access.isOk()) {
            log.warn("oauth.v2.access failed: {}", access.getError());
            page(response, 400, "Slack refused the installation (" + escape(access.getError()) + ").");
            return;
        }
        ObjectNode details = SlackPayload.JSON.createObjectNode().put("scope", access.getScope())
                .put("app_id", access.getAppId()).put("team_name", access.getTeam().getName());
        installations.save(new Installation(Platform.SLACK, access.getTeam().getId(),
                Optional.ofNullable(access.getBotUserId()), Optional.ofNullable(access.getAccessToken()),
                details.toString(), clock.instant()));
        log.info("installed in Slack team {}", access.getTeam().getId());
        page(response, 200, "Happy3 is installed in " + escape(access.getTeam().getName())
                + ". Invite @happy3 to a support channel and run /happy3 follow.");
    }

    String newState() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String expires = Long.toString(clock.instant().plus(STATE_LIFETIME).getEpochSecond());
        String body = expires + "." + HexFormat.of().formatHex(nonce);
        return body + "." + stateSigner.sign("state", body.getBytes(StandardCharsets.UTF_8)).substring(3);
    }

    boolean validState(String state) {
        int last = state.lastIndexOf('.');
        int first = state.indexOf('.');
        if (first <= 0 || last <= first) {
            return false;
        }
        String body = state.substring(0, last);
        String expected = stateSigner.sign("state", body.getBytes(StandardCharsets.UTF_8)).substring(3);
        try {
            long expires = Long.parseLong(state.substring(0, first));
            return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    state.substring(last + 1).getBytes(StandardCharsets.US_ASCII))
                    && clock.instant().getEpochSecond() <= expires;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static void page(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        byte[] bytes = ("<!doctype html><title>Happy3</title><p>" + text + "</p>\n").getBytes(StandardCharsets.UTF_8);
        response.getOutputStream().write(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
