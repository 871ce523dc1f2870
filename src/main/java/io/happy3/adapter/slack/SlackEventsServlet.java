package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import io.happy3.app.LogContext;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: events, slash commands and interactivity. The acknowledgement path is
 * verify the signature over the raw bytes → one durable {@link InboxStore#append} → 200, and nothing
 * else; all work happens later in {@link SlackInboxHandler}. A redelivery (same event id) is answered 200
 * and dropped; when the store fails the answer is 503 so Slack delivers again. Nothing reads the body
 * before the signature is checked: the servlet takes the bytes itself and never asks for parameters.
 */
final class SlackEventsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

    private final transient SlackSignatureVerifier verifier;
    private final transient InboxStore inbox;
    private final transient Clock clock;
    private final int maxBodyBytes;

    SlackEventsServlet(SlackSignatureVerifier verifier, InboxStore inbox, Clock clock, int maxBodyBytes) {
        this.verifier = requireNonNull(verifier, "verifier == null");
        this.inbox = requireNonNull(inbox, "inbox == null");
        this.clock = requireNonNull(clock, "clock == null");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes < 1: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            handle(request, response);
        } catch (RuntimeException e) {
            log.error("Slack request failed", e);
            if (!response.isCommitted()) {
                answer(response, 500, "{\"error\":\"internal_error\"}");
            }
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            answer(response, 413, "{\"error\":\"body_too_large\"}");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            answer(response, 413, "{\"error\":\"body_too_large\"}");
            return;
        }
        SlackSignatureVerifier.Result verified = verifier.verify(request.getHeader("X-Slack-Request-Timestamp"),
                request.getHeader("X-Slack-Signature"), body);
        if (!verified.valid()) {
            log.warn("refused a Slack request: {}", verified);
            answer(response, 401, "{\"error\":\"invalid_signature\"}");
            return;
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        SlackPayload payload;
        try {
            payload = SlackPayload.parse(raw);
        } catch (SlackPayload.MalformedPayloadException e) {
            answer(response, 400, "{\"error\":\"malformed_payload\"}");
            return;
        }
        acknowledge(payload, raw, request, response);
    }

    private void acknowledge(SlackPayload payload, String raw, HttpServletRequest request,
                             HttpServletResponse response) throws IOException {
        switch (payload.kind()) {
            case URL_VERIFICATION -> {
                String challenge = payload.body().path("challenge").asText("");
                answer(response, 200, SlackPayload.JSON.createObjectNode().put("challenge", challenge).toString());
                return;
            }
            case SSL_CHECK -> {
                answer(response, 200, "");
                return;
            }
            case UNKNOWN -> {
                answer(response, 400, "{\"error\":\"unknown_payload_type\"}");
                return;
            }
            case RATE_LIMITED -> {
                log.warn("Slack rate-limited event delivery for team {} (minute {})", payload.teamId(),
                        payload.body().path("minute_rate_limited").asText());
                answer(response, 200, "");
                return;
            }
            default -> {
            }
        }
        Optional<String> eventId = payload.eventId();
        if (eventId.isEmpty()) {
            answer(response, 400, "{\"error\":\"missing_event_id\"}");
            return;
        }
        InboxEntry entry = InboxEntry.received(Platform.SLACK, eventId.get(), payload.teamId(),
                payload.orderingKey(), payload.kindLabel(), raw, clock.instant());
        boolean fresh;
        try (LogContext ignored = LogContext.of(payload.teamId(), eventId.get())) {
            try {
                fresh = inbox.append(entry);
            } catch (RuntimeException e) {
                log.warn("inbox unavailable, asking Slack to retry {}: {}", eventId.get(), e.toString());
                answer(response, 503, "{\"error\":\"unavailable\"}");
                return;
            }
            if (!fresh) {
                log.debug("dropped redelivery {} (retry {})", eventId.get(), request.getHeader("X-Slack-Retry-Num"));
            }
        }
        answer(response, 200, "");
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        if (!json.isEmpty()) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json; charset=utf-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } else {
            response.setContentLength(0);
        }
    }
}
