package io.happy3.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Serialization;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers to {@code adaptiveCard/action} invokes being processed right now, keyed by invoke activity id:
 * the gateway leaves the updated card (or a message) here while the core answers the button, and the bot returns
 * it as the invoke response. Thread-safe.
 */
final class InvokeResponses {
    static final String CARD = "application/vnd.microsoft.card.adaptive";
    static final String MESSAGE = "application/vnd.microsoft.activity.message";

    private final Map<String, ObjectNode> pending = new ConcurrentHashMap<>();

    void card(String invokeId, JsonNode card) {
        pending.put(invokeId, body(CARD, card));
    }

    void message(String invokeId, String text) {
        pending.compute(invokeId, (id, existing) -> existing != null && CARD.equals(existing.path("type").asText())
                ? existing : body(MESSAGE, Serialization.asNode(text)));
    }

    /** The answer to a redelivered invoke, which is not applied a second time. */
    static ObjectNode alreadyAnswered() {
        return body(MESSAGE, Serialization.asNode("Already done: this button was answered before."));
    }

    /** An invoke response that shows {@code text}. */
    static ObjectNode messageBody(String text) {
        return body(MESSAGE, Serialization.asNode(text));
    }

    Optional<ObjectNode> take(String invokeId) {
        return Optional.ofNullable(pending.remove(invokeId));
    }

    private static ObjectNode body(String type, JsonNode value) {
        ObjectNode body = Serialization.createObjectNode();
        body.put("statusCode", 200);
        body.put("type", type);
        body.set("value", value);
        return body;
    }
}
