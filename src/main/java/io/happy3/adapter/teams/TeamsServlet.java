package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}: the Bot Framework endpoint. Reads the activity, has the SDK authenticate it and run
 * the turn, and answers asynchronously: the invoke response's status and body, 202 when there is none, 400 for a
 * malformed body, 401 when authentication fails, 503 when the inbox cannot persist, 500 otherwise (with a short
 * JSON error; the stack trace goes to the log).
 */
final class TeamsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(TeamsServlet.class);
    private static final int MAX_BODY = 1 << 20;
    private static final long TIMEOUT_MILLIS = 60_000;

    private final transient TeamsBotAdapter adapter;
    private final transient TeamsBot bot;
    private final transient LocaleGuard locale;
    private final transient java.util.Optional<String> allowedTenant;

    /** {@code allowedTenant}: a single-tenant bot's tenant ({@code MICROSOFT_APP_TENANT_ID}); others get 403. */
    TeamsServlet(TeamsBotAdapter adapter, TeamsBot bot, LocaleGuard locale, java.util.Optional<String> allowedTenant) {
        this.adapter = requireNonNull(adapter, "adapter == null");
        this.bot = requireNonNull(bot, "bot == null");
        this.locale = requireNonNull(locale, "locale == null");
        this.allowedTenant = requireNonNull(allowedTenant, "allowedTenant == null");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Activity activity;
        try {
            activity = read(request);
        } catch (IOException | RuntimeException e) {
            log.debug("malformed Teams activity: {}", e.toString());
            json(response, 400, "{\"error\":\"malformed activity\"}");
            return;
        }
        if (allowedTenant.isPresent() && !allowedTenant.get().equalsIgnoreCase(TeamsActivities.tenant(activity))) {
            log.info("Teams activity from tenant {} refused: only {} is allowed", TeamsActivities.tenant(activity),
                    allowedTenant.get());
            json(response, 403, "{\"error\":\"tenant not allowed\"}");
            return;
        }
        // The SDK would call Locale.setDefault with the activity's locale on this JVM-wide default.
        activity.setLocale(null);
        String authHeader = request.getHeader("Authorization") == null ? "" : request.getHeader("Authorization");
        AsyncContext async = request.startAsync();
        async.setTimeout(TIMEOUT_MILLIS);
        CompletableFuture<InvokeResponse> turn;
        try {
            turn = locale.call(() -> adapter.processIncomingActivity(authHeader, activity, bot::onTurn));
        } catch (RuntimeException e) {
            turn = CompletableFuture.failedFuture(e);
        }
        turn.whenComplete((invokeResponse, failure) -> {
            locale.restore();
            try {
                answer((HttpServletResponse) async.getResponse(), activity, invokeResponse, failure);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot answer the Teams request: {}", e.toString());
            } finally {
                async.complete();
            }
        });
    }

    private static Activity read(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new IOException("body larger than " + MAX_BODY + " bytes");
        }
        Activity activity = TeamsActivities.parse(new String(body, StandardCharsets.UTF_8));
        java.util.Optional<String> problem = TeamsActivities.malformed(activity);
        if (problem.isPresent()) {
            throw new IOException(problem.get());
        }
        return activity;
    }

    private static void answer(HttpServletResponse response, Activity activity, InvokeResponse invokeResponse,
                               Throwable failure) throws IOException {
        if (failure == null) {
            if (invokeResponse == null) {
                response.setStatus(202);
                return;
            }
            Object body = invokeResponse.getBody();
            if (body == null) {
                response.setStatus(invokeResponse.getStatus());
                return;
            }
            json(response, invokeResponse.getStatus(), Serialization.toStringSilent(body));
            return;
        }
        Throwable cause = unwrap(failure);
        if (cause instanceof AuthenticationException) {
            log.info("Teams request refused: {}", cause.getMessage());
            json(response, 401, "{\"error\":\"unauthorized\"}");
        } else if (cause instanceof TeamsBot.InboxUnavailableException) {
            log.warn("Teams activity {} not persisted, asking for redelivery", activity.getId(), cause);
            json(response, 503, "{\"error\":\"temporarily unavailable\"}");
        } else {
            log.warn("Teams activity {} ({}) failed", activity.getId(), activity.getType(), cause);
            json(response, 500, "{\"error\":\"internal error\"}");
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Throwable search = cause;
        while (search != null) {
            if (search instanceof com.auth0.jwt.exceptions.JWTVerificationException) {
                // A token that is not even a JWT: the SDK lets the decoder's exception through (a 500 before).
                return new AuthenticationException(search.getMessage());
            }
            if (search instanceof AuthenticationException || search instanceof TeamsBot.InboxUnavailableException) {
                return search;
            }
            search = search.getCause();
        }
        return cause;
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
