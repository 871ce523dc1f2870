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
     * that another live claim holds, so one issue's events are processed in order. Every claim counts one
     * more attempt; the returned entry's {@link InboxEntry#attempts} identifies the claim (its fence).
     */
    List<InboxEntry> claim(String owner, int limit, Instant now, Duration lease);

    /**
     * Marks the claimed entry processed and drops its payload. Fenced: false (and nothing written) when the
     * claim is no longer the entry's latest, because its lease ran out and another claim took the entry over.
     */
    boolean markDone(InboxEntry claimed);

    /**
     * Runs {@code work} (processing the claimed entry) and then {@link #markDone marks it done}, as one unit
     * where the adapter can: its writes and the done mark commit together, or none of them when {@code work}
     * throws (the exception propagates) or the claim no longer holds (false). Because the entry itself is
     * durable and processing is replayed idempotently, such a unit may commit without waiting for the disk.
     */
    default boolean process(InboxEntry claimed, Runnable work) {
        work.run();
        return markDone(claimed);
    }

    /**
     * Records a failed attempt of the claimed entry: pending again after {@code retryAt}, or
     * {@link InboxEntry.InboxStatus#FAILED} (kept, with its error, for an operator) when {@code giveUp} is
     * true. Fenced like {@link #markDone}.
     */
    boolean markFailed(InboxEntry claimed, String error, Instant retryAt, boolean giveUp);

    /**
     * Extends the leases of entries still being processed under these claims to {@code until} (the
     * heartbeat of a live worker); returns the entries whose claim still holds, or already finished them (done
     * or failed under that claim, before the worker noticed). A claim taken over by another worker is not renewed.
     */
    List<InboxEntry> renew(List<InboxEntry> claimed, Instant until);

    /**
     * How many acknowledgements of this process wait for their append to be durable right now: the ack path's
     * queue, which the worker yields to. A store without queued appends answers 0.
     */
    default int acksWaiting() {
        return 0;
    }

    /** Entries still pending (the backlog gauge). */
    long backlog();
}
