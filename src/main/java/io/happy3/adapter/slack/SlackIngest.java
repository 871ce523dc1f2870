package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.happy3.app.LogContext;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxStore;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last Bolt middleware before any listener: "acked means persisted". Every event, slash command and
 * interaction is appended raw to the inbox first; only then does a listener run and build the ack. When
 * the store fails the answer is 503 (HTTP) or no ack at all (Socket Mode), so Slack delivers again; a
 * redelivery (same event id) is acked at once and its listener does not run twice. The same middleware
 * serves both transports: over Socket Mode the stored body is the envelope's JSON payload.
 */
final class SlackIngest implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(SlackIngest.class);
    private static final Set<RequestType> STORED = EnumSet.of(RequestType.Event, RequestType.Command,
            RequestType.BlockAction, RequestType.ViewSubmission, RequestType.ViewClosed, RequestType.GlobalShortcut,
            RequestType.MessageShortcut);

    private final InboxStore inbox;
    private final Clock clock;

    SlackIngest(InboxStore inbox, Clock clock) {
        this.inbox = requireNonNull(inbox, "inbox == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (!STORED.contains(req.getRequestType())) {
            return chain.next(req);
        }
        SlackPayload payload;
        try {
            payload = SlackPayload.parse(req.getRequestBodyAsString());
        } catch (SlackPayload.MalformedPayloadException e) {
            return SlackResponses.error(400, "malformed_payload");
        }
        Optional<Response> answered = store(payload, req.getRequestBodyAsString(),
                req.getHeaders().getFirstValue("X-Slack-Retry-Num"));
        return answered.isPresent() ? answered.get() : chain.next(req);
    }

    /**
     * Appends {@code payload} (parsed from {@code raw}) to the inbox and returns once it is durable: empty when
     * it is fresh (the caller goes on to the listeners or acks), else the answer to give at once (400 without an
     * event id, 503 when the inbox fails, 200 for a redelivery). {@code retryNum} is for the log only.
     */
    Optional<Response> store(SlackPayload payload, String raw, String retryNum) {
        Optional<String> eventId = payload.eventId();
        if (eventId.isEmpty()) {
            return Optional.of(SlackResponses.error(400, "missing_event_id"));
        }
        try (LogContext ignored = LogContext.of(payload.teamId(), eventId.get())) {
            boolean fresh;
            try {
                fresh = inbox.append(InboxEntry.received(Platform.SLACK, eventId.get(), payload.teamId(),
                        payload.orderingKey(), payload.kindLabel(), stored(raw, payload), clock.instant()));
            } catch (RuntimeException e) {
                log.warn("inbox unavailable, asking Slack to retry {}: {}", eventId.get(), e.toString());
                return Optional.of(SlackResponses.error(503, "unavailable"));
            }
            if (!fresh) {
                log.debug("dropped redelivery {} (retry {})", eventId.get(), retryNum);
                return Optional.of(Response.ok());
            }
        }
        return Optional.empty();
    }

    /**
     * The raw body, except for a message shortcut: its payload carries the whole message it was used on, and
     * nothing needs that text (the note is what the agent writes), so only who wrote it and where is kept.
     */
    private static String stored(String raw, SlackPayload payload) {
        if (!"message_action".equals(payload.body().path("type").asText())) {
            return raw;
        }
        ObjectNode body = payload.body().deepCopy();
        ObjectNode message = body.putObject("message");
        for (String kept : new String[] {"type", "user", "ts", "thread_ts"}) {
            JsonNode value = payload.body().path("message").get(kept);
            if (value != null && value.isValueNode()) {
                message.set(kept, value);
            }
        }
        return body.toString();
    }
}
