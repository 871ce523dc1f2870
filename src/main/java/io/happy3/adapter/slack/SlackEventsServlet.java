package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: events, slash commands and interactivity, served by the Bolt {@link App}.
 * Two things happen before Bolt sees the request, because Bolt's servlet adapter cannot do them: the body
 * is read as raw bytes under a cap (413 beyond it), and the signature is checked over those bytes with
 * {@link SlackSignatureVerifier} (Bolt's adapter reads through the servlet's reader and its verifier
 * re-encodes in the platform charset, which breaks non-ASCII bodies). The bytes are then decoded as UTF-8
 * and checked to be a payload the inbox can store (400 otherwise); Bolt parses it, answers URL
 * verification and {@code ssl_check}, and runs its middleware ({@link SlackIngest}: stored, then acked)
 * and listeners. An Events API event skips Bolt: no listener takes one (the inbox worker does the work), so
 * it is stored and acked here. Nothing reads the body before the signature is checked.
 */
final class SlackEventsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

    private final transient SlackSignatureVerifier verifier;
    private final transient App app;
    private final transient SlackRequestParser parser;
    private final transient SlackIngest ingest;
    private final int maxBodyBytes;

    SlackEventsServlet(SlackSignatureVerifier verifier, App app, SlackIngest ingest, int maxBodyBytes) {
        this.verifier = requireNonNull(verifier, "verifier == null");
        this.app = requireNonNull(app, "app == null");
        this.ingest = requireNonNull(ingest, "ingest == null");
        this.parser = new SlackRequestParser(app.config());
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes < 1: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Response answer;
        try {
            answer = handle(request);
        } catch (Exception e) {
            log.error("Slack request failed", e);
            answer = SlackResponses.error(500, "internal_error");
        }
        if (!response.isCommitted()) {
            ServletAdapterOps.writeResponse(response, answer);
        }
    }

    private Response handle(HttpServletRequest request) throws Exception {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return SlackResponses.error(413, "body_too_large");
        }
        byte[] body = read(request);
        if (body.length > maxBodyBytes) {
            return SlackResponses.error(413, "body_too_large");
        }
        SlackSignatureVerifier.Result verified = verifier.verify(request.getHeader("X-Slack-Request-Timestamp"),
                request.getHeader("X-Slack-Signature"), body);
        if (!verified.valid()) {
            log.warn("refused a Slack request: {}", verified);
            return SlackResponses.error(401, "invalid_signature");
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        SlackPayload payload;
        try {
            payload = SlackPayload.parse(raw);
        } catch (SlackPayload.MalformedPayloadException e) {
            return SlackResponses.error(400, "malformed_payload");
        }
        if (payload.kind() == SlackPayload.Kind.UNKNOWN) {
            return SlackResponses.error(400, "unknown_payload_type");
        }
        if (payload.kind() == SlackPayload.Kind.RATE_LIMITED) {
            log.warn("Slack rate-limited event delivery for team {} (minute {})", payload.teamId(),
                    payload.body().path("minute_rate_limited").asText());
            return Response.ok();
        }
        if (payload.kind() == SlackPayload.Kind.EVENT) {
            if (!payload.event().isObject()) {
                return SlackResponses.error(400, "malformed_payload"); // as Bolt's parser refuses it
            }
            // Bolt would only store and ack it (no listener takes events; the inbox worker does the work), after
            // parsing the same JSON twice more and copying every header: stored and acked here instead.
            return ingest.store(payload, raw, request.getHeader("X-Slack-Retry-Num")).orElseGet(Response::ok);
        }
        return run(request, raw);
    }

    /**
     * The body, at most {@code maxBodyBytes + 1} bytes (the caller refused a longer declared length): in one
     * array of the declared length when there is one, which Jetty holds the stream to ({@code readNBytes(n)}
     * alone buffers in 8 KiB chunks and copies them, per request).
     */
    private byte[] read(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            long declared = request.getContentLengthLong();
            if (declared < 0) {
                return in.readNBytes(maxBodyBytes + 1);
            }
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
    }

    private Response run(HttpServletRequest request, String raw) throws Exception {
        Request<?> slackRequest;
        try {
            slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getRequestURI())
                    .queryString(QueryStringParser.toMap(request.getQueryString()))
                    .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(request)))
                    .requestBody(raw)
                    .remoteAddress(request.getRemoteAddr())
                    .build());
        } catch (RuntimeException e) {
            // Bolt's parser assumes the documented shape (an event_callback without "event" is a NullPointerException).
            return SlackResponses.error(400, "malformed_payload");
        }
        if (slackRequest == null) {
            return SlackResponses.error(400, "unknown_payload_type");
        }
        return app.run(slackRequest);
    }
}
