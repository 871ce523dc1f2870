package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.webhook.WebhookResponse;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.app.Telemetry;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.time.Backoff;
import io.happy3.domain.time.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the Slack Web API with the bot token of the right workspace (the single {@code SLACK_BOT_TOKEN},
 * or the team's OAuth installation). On HTTP 429 it waits {@code Retry-After} and tries again; when the
 * retries are used up (or the wait is too long to sit through) it throws
 * {@link ChatDeliveryException#rateLimited} so the scheduler retries later: nothing is dropped.
 * Thread-safe.
 */
final class SlackWebApi {
    private static final Logger log = LoggerFactory.getLogger(SlackWebApi.class);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    /** Errors retrying cannot fix: the channel, user or token is gone. */
    private static final Set<String> PERMANENT = Set.of("channel_not_found", "is_archived", "account_inactive",
            "invalid_auth", "not_authed", "token_revoked", "token_expired", "user_not_found", "missing_scope",
            "no_permission", "cannot_dm_bot", "user_disabled", "team_access_not_granted");

    /** One Web API call with a client that already carries the token. */
    interface ApiCall<T extends SlackApiTextResponse> {
        T call(MethodsClient methods) throws IOException, SlackApiException;
    }

    /** How the client waits before a retry; tests may pass a recording sleeper. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Slack slack;
    private final Optional<String> botToken;
    private final InstallationStore installations;
    private final SlackTokenRotation rotation;
    private final Sleeper sleeper;
    private final RetryPolicy retry;
    private volatile Telemetry telemetry = Telemetry.none();
    /** Workspaces that uninstalled the app or revoked its token while it runs on SLACK_BOT_TOKEN. */
    private final Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    SlackWebApi(Slack slack, Optional<String> botToken, InstallationStore installations, Sleeper sleeper,
                RetryPolicy retry) {
        this(slack, botToken, installations, new SlackTokenRotation(slack, installations, Optional.empty(),
                Optional.empty(), Clock.systemUTC()), sleeper, retry);
    }

    /** With {@code rotation} refreshing the installed workspaces' expiring tokens. */
    SlackWebApi(Slack slack, Optional<String> botToken, InstallationStore installations, SlackTokenRotation rotation,
                Sleeper sleeper, RetryPolicy retry) {
        this.slack = requireNonNull(slack, "slack == null");
        this.botToken = requireNonNull(botToken, "botToken == null");
        this.installations = requireNonNull(installations, "installations == null");
        this.rotation = requireNonNull(rotation, "rotation == null");
        this.sleeper = requireNonNull(sleeper, "sleeper == null");
        this.retry = requireNonNull(retry, "retry == null");
    }

    /** Reports every Web API call and its HTTP status (429s included) to {@code telemetry}. */
    void reportTo(Telemetry newTelemetry) {
        this.telemetry = requireNonNull(newTelemetry, "telemetry == null");
    }

    Slack slack() {
        return slack;
    }

    /** The bot token for {@code team}; a missing installation is a permanent failure. */
    String tokenFor(String team) {
        if (botToken.isPresent()) {
            if (revoked.contains(team)) {
                throw ChatDeliveryException.permanentFailure("Slack workspace " + team + " uninstalled Happy3 or "
                        + "revoked its token");
            }
            return botToken.get();
        }
        return rotation.token(team);
    }

    /**
     * {@code app_uninstalled} / {@code tokens_revoked}: the workspace's installation is deleted, and nothing
     * is sent to it any more (with a single {@code SLACK_BOT_TOKEN}, until restart; remove the variable).
     */
    void uninstalled(String team) {
        installations.delete(Platform.SLACK, team);
        if (botToken.isPresent()) {
            revoked.add(team);
        }
        log.info("Slack workspace {} uninstalled Happy3 or revoked its bot token: installation deleted", team);
    }

    /** One Web API call that needs the token itself (a form posted with {@link SlackAnswer}). */
    private interface TokenCall<T extends SlackApiTextResponse> {
        T call(MethodsClient methods, String token) throws IOException, SlackApiException;
    }

    /** Calls {@code method} for {@code team}; an {@code ok:false} answer throws {@link SlackApiError}. */
    <T extends SlackApiTextResponse> T call(String team, String method, ApiCall<T> call) {
        return callWithToken(team, method, (methods, token) -> call.call(methods));
    }

    /**
     * {@link #call} for the scheduler's hot methods: posts the fields {@code form} adds (null values left out)
     * and reads the answer with {@link SlackAnswer}, not with the SDK's per-response Gson.
     */
    SlackAnswer post(String team, String method, java.util.function.Consumer<Form> form) {
        return callWithToken(team, method, (methods, token) -> {
            okhttp3.FormBody.Builder body = new okhttp3.FormBody.Builder();
            form.accept((name, value) -> {
                if (value != null) {
                    body.add(name, value);
                }
            });
            return SlackAnswer.post(methods, method, token, body);
        });
    }

    /**
     * {@link #post} as one {@code application/json} body (chat.postMessage, chat.postEphemeral, views.publish): the
     * blocks go as JSON, not as a form field OkHttp encodes character by character. Null fields are left out.
     */
    SlackAnswer postJson(String team, String method, ObjectNode body) {
        byte[] json;
        try {
            json = SlackPayload.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(method + " body not serialisable", e);
        }
        return callWithToken(team, method, (methods, token) -> SlackAnswer.postJson(slack, method, token, json));
    }

    /** The fields of a {@link #post}. */
    interface Form {
        void add(String name, String value);
    }

    private <T extends SlackApiTextResponse> T callWithToken(String team, String method, TokenCall<T> call) {
        String token = tokenFor(team);
        MethodsClient methods = slack.methods(token);
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            try {
                T response = call.call(methods, token);
                telemetry.apiCall(Platform.SLACK, method, 200);
                if (!refreshed && "token_expired".equals(response.getError()) && botToken.isEmpty()
                        && rotation.rotates(team)) {
                    // expired earlier than we knew (a clock skew, a restored backup): refresh once and call again
                    refreshed = true;
                    token = rotation.refresh(team, token);
                    methods = slack.methods(token);
                    continue;
                }
                if (!response.isOk()) {
                    throw new SlackApiError(method, response.getError());
                }
                return response;
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                telemetry.apiCall(Platform.SLACK, method, status);
                if (status != 429) {
                    throw ChatDeliveryException.transientFailure(method + ": HTTP " + status, e);
                }
                waitOrGiveUp(method, Backoff.retryAfter(e.getResponse().header("Retry-After"), ONE_SECOND), attempt);
            } catch (IOException e) {
                telemetry.apiCall(Platform.SLACK, method, Telemetry.NETWORK_ERROR);
                pause(retry.waitAfter(attempt, Optional.empty()).orElseThrow(
                        () -> ChatDeliveryException.transientFailure(method + ": " + e.getMessage(), e)));
            }
        }
    }

    /** Posts {@code json} to an interaction's {@code response_url}, with the same 429 handling. */
    void respond(String responseUrl, String json) {
        for (int attempt = 1; ; attempt++) {
            WebhookResponse response;
            try {
                response = slack.send(responseUrl, json);
            } catch (IOException e) {
                telemetry.apiCall(Platform.SLACK, "response_url", Telemetry.NETWORK_ERROR);
                pause(retry.waitAfter(attempt, Optional.empty()).orElseThrow(
                        () -> ChatDeliveryException.transientFailure("response_url: " + e.getMessage(), e)));
                continue;
            }
            if (response.getCode() == 429) {
                waitOrGiveUp("response_url", ONE_SECOND, attempt);
                continue;
            }
            if (response.getCode() == 404 || response.getCode() == 410) {
                throw ChatDeliveryException.permanentFailure("response_url expired: HTTP " + response.getCode());
            }
            if (response.getCode() < 200 || response.getCode() >= 300) {
                throw ChatDeliveryException.transientFailure("response_url: HTTP " + response.getCode(), null);
            }
            return;
        }
    }

    /** Translates an {@code ok:false} error into the gateway's failure type. */
    static ChatDeliveryException translate(SlackApiError error) {
        return PERMANENT.contains(error.error())
                ? ChatDeliveryException.permanentFailure(error.getMessage())
                : ChatDeliveryException.transientFailure(error.getMessage(), error);
    }

    private void waitOrGiveUp(String method, Duration retryAfter, int attempt) {
        Duration wait = retry.waitAfter(attempt, Optional.of(retryAfter)).orElseThrow(
                () -> ChatDeliveryException.rateLimited(method + " rate-limited by Slack", retryAfter));
        log.info("{} rate-limited by Slack, retrying in {}s (attempt {})", method, wait.toSeconds(), attempt);
        pause(wait);
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChatDeliveryException.transientFailure("interrupted while waiting to retry", e);
        }
    }

}
