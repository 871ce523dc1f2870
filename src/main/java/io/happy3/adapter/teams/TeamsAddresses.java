package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import io.happy3.domain.chat.ConversationAddressStore;
import io.happy3.domain.chat.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What the Teams adapter keeps in the {@link ConversationAddressStore}, each as JSON under a prefixed key:
 * conversation references per conversation ({@code conv:}) and per person's 1:1 chat ({@code user:}), so
 * proactive messages survive a restart; people's names and zones ({@code profile:}); the nudges shown on each
 * card ({@code card:}); and the resource-specific consent check per channel ({@code rsc:}). Thread-safe.
 */
final class TeamsAddresses {
    private final ConversationAddressStore store;

    TeamsAddresses(ConversationAddressStore store) {
        this.store = requireNonNull(store, "store == null");
    }

    void saveConversation(String tenant, String conversationId, ConversationReference reference) {
        saveReference(tenant, "conv:" + conversationId, reference);
    }

    Optional<ConversationReference> conversation(String tenant, String conversationId) {
        return reference(tenant, "conv:" + conversationId);
    }

    void savePersonalChat(String tenant, String userId, ConversationReference reference) {
        saveReference(tenant, "user:" + userId, reference);
    }

    Optional<ConversationReference> personalChat(String tenant, String userId) {
        return reference(tenant, "user:" + userId);
    }

    void saveJson(String tenant, String key, JsonNode json) {
        store.save(Platform.TEAMS, tenant, key, json.toString());
    }

    Optional<ObjectNode> json(String tenant, String key) {
        return store.find(Platform.TEAMS, tenant, key).map(TeamsAddresses::parse)
                .filter(ObjectNode.class::isInstance).map(ObjectNode.class::cast);
    }

    private void saveReference(String tenant, String key, ConversationReference reference) {
        try {
            store.save(Platform.TEAMS, tenant, key, Serialization.toString(reference));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the conversation reference " + key, e);
        }
    }

    private Optional<ConversationReference> reference(String tenant, String key) {
        return store.find(Platform.TEAMS, tenant, key)
                .map(json -> Serialization.treeToValue(parse(json), ConversationReference.class));
    }

    /** A copy that shares no mutable parts with {@code reference} (the SDK's references share the activity's). */
    static ConversationReference copy(ConversationReference reference) {
        ConversationReference copy = ConversationReference.clone(reference);
        copy.setConversation(reference.getConversation() == null ? new com.microsoft.bot.schema.ConversationAccount()
                : com.microsoft.bot.schema.ConversationAccount.clone(reference.getConversation()));
        return copy;
    }

    static JsonNode parse(String json) {
        try {
            return Serialization.jsonToTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored Teams JSON is malformed", e);
        }
    }
}
