package io.happy3.domain.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Port: the durable inbox. "Acked means persisted": an adapter acknowledges a platform event only
 * after {@link #append} returned. Thread-safe; safe for several replicas on one database.
 */
public interface InboxStore {
    /** Persists {@code entry}; false (and nothing written) when this platform event id was seen before. */
    boolean append(InboxEntry entry);

    /**
     * Claims up to {@code limit} pending entries for {@code owner}, oldest first, leased until
     * {@code now + lease}, taking at most the oldest pending entry per ordering key and none for a key
     * that another live claim holds, so one issue's events are processed in order.
     */
    List<InboxEntry> claim(String owner, int limit, Instant now, Duration lease);

    /** Marks the entry processed and drops its payload. */
    void markDone(long sequence);

    /**
     * Records a failed attempt: pending again after {@code retryAt}, or {@link InboxEntry.InboxStatus#FAILED}
     * (kept, with its error, for an operator) when {@code giveUp} is true.
     */
    void markFailed(long sequence, String error, Instant retryAt, boolean giveUp);

    /** Entries still pending (the backlog gauge). */
    long backlog();
}
