package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One request body Slack sent to {@code /slack/events}, parsed: an Events API envelope (JSON), a slash
 * command (form fields) or an interaction (form field {@code payload} holding JSON). Knows the inbox
 * identity of each kind: the event id ({@code event_id}, else {@code trigger_id}), the team, and the
 * ordering key (channel + thread root) that keeps one issue's events in order. Immutable.
 */
record SlackPayload(Kind kind, JsonNode body) {
    static final ObjectMapper JSON = new ObjectMapper();

    enum Kind {
        URL_VERIFICATION, EVENT, COMMAND, INTERACTION, SSL_CHECK, RATE_LIMITED, UNKNOWN
    }

    SlackPayload {
        requireNonNull(kind, "kind == null");
        requireNonNull(body, "body == null");
    }

    /** Parses a raw body; throws {@link MalformedPayloadException} when it is neither JSON nor a form. */
    static SlackPayload parse(String raw) {
        requireNonNull(raw, "raw == null");
        String trimmed = raw.stripLeading();
        if (trimmed.startsWith("{")) {
            JsonNode json = json(trimmed);
            return new SlackPayload(jsonKind(json), json);
        }
        ObjectNode form = form(trimmed);
        if (form.has("payload")) {
            return new SlackPayload(Kind.INTERACTION, json(form.get("payload").asText()));
        }
        if (form.has("ssl_check")) {
            return new SlackPayload(Kind.SSL_CHECK, form);
        }
        if (form.has("command")) {
            return new SlackPayload(Kind.COMMAND, form);
        }
        throw new MalformedPayloadException("neither JSON nor a slash command nor an interaction");
    }

    /**
     * Over HTTP only events are JSON; over Socket Mode a slash command and an interaction arrive as JSON
     * too (the envelope's {@code payload}), so both shapes map to the same kinds.
     */
    private static Kind jsonKind(JsonNode json) {
        String type = json.path("type").asText("");
        return switch (type) {
            case "url_verification" -> Kind.URL_VERIFICATION;
            case "event_callback" -> Kind.EVENT;
            case "app_rate_limited" -> Kind.RATE_LIMITED;
            case "block_actions", "view_submission", "view_closed", "shortcut", "message_action" -> Kind.INTERACTION;
            default -> json.path("command").isTextual() ? Kind.COMMAND : Kind.UNKNOWN;
        };
    }

    private static JsonNode json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new MalformedPayloadException("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException("malformed JSON at " + e.getLocation());
        }
    }

    private static ObjectNode form(String text) {
        ObjectNode fields = JSON.createObjectNode();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new MalformedPayloadException("malformed form field");
            }
            try {
                fields.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            } catch (IllegalArgumentException e) {
                throw new MalformedPayloadException("malformed form encoding");
            }
        }
        return fields;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The inner event of an Events API envelope (empty node for other kinds). */
    JsonNode event() {
        return body.path("event");
    }

    /** The id the inbox deduplicates on: {@code event_id}, else {@code trigger_id}. */
    Optional<String> eventId() {
        return switch (kind) {
            case EVENT -> text(body, "event_id");
            case COMMAND, INTERACTION -> text(body, "trigger_id");
            default -> Optional.empty();
        };
    }

    /** The workspace the request belongs to. */
    String teamId() {
        return text(body, "team_id").or(() -> text(body.path("team"), "id"))
                .or(() -> text(body.path("user"), "team_id")).orElse("");
    }

    /** The channel + thread root of the conversation the payload is about, so one issue is processed in order. */
    String orderingKey() {
        return switch (kind) {
            case EVENT -> eventOrderingKey(event());
            case COMMAND -> "command:" + text(body, "channel_id").orElse("") + ":" + text(body, "user_id").orElse("");
            case INTERACTION -> SlackButtons.issueKey(body.path("actions").path(0).path("block_id").asText(""))
                    .orElse("action:" + body.path("user").path("id").asText(""));
            default -> kind.name();
        };
    }

    private static String eventOrderingKey(JsonNode event) {
        JsonNode message = event.has("message") ? event.path("message") : event;
        JsonNode item = event.path("item");
        String channel = text(event, "channel").or(() -> text(item, "channel"))
                .or(() -> text(event.path("channel"), "id")).orElse("");
        String root = text(message, "thread_ts").or(() -> text(event.path("previous_message"), "thread_ts"))
                .or(() -> text(event, "deleted_ts")).or(() -> text(message, "ts")).or(() -> text(item, "ts"))
                .or(() -> text(event, "user")).orElse("");
        return channel + ":" + root;
    }

    /** A short label for logs and the inbox {@code kind} column. */
    String kindLabel() {
        return switch (kind) {
            case EVENT -> "event:" + event().path("type").asText("?");
            case COMMAND -> "command:" + body.path("command").asText("?");
            case INTERACTION -> "interaction:" + body.path("type").asText("?");
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty()
                ? Optional.empty() : Optional.of(value.asText());
    }

    /** The body is not a Slack payload this endpoint understands (an argument no retry can fix). */
    static final class MalformedPayloadException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedPayloadException(String message) {
            super(message);
        }
    }
}
