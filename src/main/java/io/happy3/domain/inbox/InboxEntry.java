package io.happy3.domain.inbox;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Platform;
import java.time.Instant;
import java.util.Optional;

/**
 * A platform event as it was received, persisted before the HTTP acknowledgement. {@code eventId} is
 * the platform's delivery id (unique per platform); {@code orderingKey} groups events that must be
 * processed in order (one issue's thread). {@code payload} is the raw body, deleted once processed.
 */
public record InboxEntry(long sequence, Platform platform, String eventId, String tenant, String orderingKey,
                         String kind, Optional<String> payload, Instant receivedAt, int attempts,
                         InboxStatus status, Optional<String> error) {
    public InboxEntry {
        requireNonNull(platform, "platform == null");
        requireNonNull(eventId, "eventId == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(orderingKey, "orderingKey == null");
        requireNonNull(kind, "kind == null");
        requireNonNull(payload, "payload == null");
        requireNonNull(receivedAt, "receivedAt == null");
        requireNonNull(status, "status == null");
        requireNonNull(error, "error == null");
    }

    /** A new entry to append; the store assigns the sequence. */
    public static InboxEntry received(Platform platform, String eventId, String tenant, String orderingKey,
                                      String kind, String payload, Instant receivedAt) {
        return new InboxEntry(0, platform, eventId, tenant, orderingKey, kind, Optional.of(payload), receivedAt, 0,
                InboxStatus.PENDING, Optional.empty());
    }

    /** Processing state of an inbox entry. */
    public enum InboxStatus {
        PENDING, DONE, FAILED
    }
}
