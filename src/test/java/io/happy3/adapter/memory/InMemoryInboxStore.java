package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxEntry.InboxStatus;
import io.happy3.domain.inbox.InboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The inbox in memory, with the JDBC store's ordering, leases and attempt counting (attempts count
 * claims). Thread-safe (one lock).
 */
public final class InMemoryInboxStore implements InboxStore {
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private final Set<String> eventIds = new HashSet<>();
    private long nextSequence = 1;

    @Override
    public synchronized boolean append(InboxEntry entry) {
        requireNonNull(entry, "entry == null");
        if (!eventIds.add(entry.platform() + ":" + entry.eventId())) {
            return false;
        }
        long sequence = nextSequence++;
        InboxEntry stored = new InboxEntry(sequence, entry.platform(), entry.eventId(), entry.tenant(),
                entry.orderingKey(), entry.kind(), entry.payload(), entry.receivedAt(), entry.attempts(),
                InboxStatus.PENDING, Optional.empty());
        rows.put(sequence, new Row(stored, entry.receivedAt(), null));
        return true;
    }

    @Override
    public synchronized List<InboxEntry> claim(String owner, int limit, Instant now, Duration lease) {
        requireNonNull(owner, "owner == null");
        requireNonNull(now, "now == null");
        requireNonNull(lease, "lease == null");
        List<InboxEntry> claimed = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        for (Row row : List.copyOf(rows.values())) {
            if (claimed.size() >= limit) {
                break;
            }
            InboxEntry entry = row.entry;
            if (entry.status() != InboxStatus.PENDING || !seenKeys.add(entry.orderingKey())) {
                continue; // only the oldest pending entry of a key may run
            }
            boolean leased = row.leaseUntil != null && row.leaseUntil.isAfter(now);
            if (leased || row.availableAt.isAfter(now)) {
                continue;
            }
            InboxEntry next = with(entry, entry.attempts() + 1, entry.status(), entry.payload(), entry.error());
            rows.put(entry.sequence(), new Row(next, row.availableAt, now.plus(lease)));
            claimed.add(next);
        }
        return claimed;
    }

    @Override
    public synchronized boolean markDone(InboxEntry claimed) {
        Row row = heldRow(claimed);
        if (row == null) {
            return false;
        }
        rows.put(claimed.sequence(), new Row(with(row.entry, row.entry.attempts(), InboxStatus.DONE, Optional.empty(),
                Optional.empty()), row.availableAt, null));
        return true;
    }

    @Override
    public synchronized boolean markFailed(InboxEntry claimed, String error, Instant retryAt, boolean giveUp) {
        requireNonNull(error, "error == null");
        requireNonNull(retryAt, "retryAt == null");
        Row row = heldRow(claimed);
        if (row == null) {
            return false;
        }
        InboxStatus status = giveUp ? InboxStatus.FAILED : InboxStatus.PENDING;
        rows.put(claimed.sequence(), new Row(with(row.entry, row.entry.attempts(), status, row.entry.payload(),
                Optional.of(error)), retryAt, null));
        return true;
    }

    @Override
    public synchronized List<InboxEntry> renew(List<InboxEntry> claimed, Instant until) {
        requireNonNull(until, "until == null");
        List<InboxEntry> held = new ArrayList<>();
        for (InboxEntry entry : claimed) {
            Row row = heldRow(entry);
            if (row != null) {
                rows.put(entry.sequence(), new Row(row.entry, row.availableAt, until));
                held.add(entry);
            } else if (finishedUnderItsClaim(entry)) {
                held.add(entry);
            }
        }
        return held;
    }

    /** The row of a claim that is still the entry's latest (same attempt count, still pending), else null. */
    private Row heldRow(InboxEntry claimed) {
        requireNonNull(claimed, "claimed == null");
        Row row = rows.get(claimed.sequence());
        boolean held = row != null && row.entry.status() == InboxStatus.PENDING
                && row.entry.attempts() == claimed.attempts();
        return held ? row : null;
    }

    /** Done or failed by this very claim (its worker has not noticed yet): not lost to another worker. */
    private boolean finishedUnderItsClaim(InboxEntry claimed) {
        Row row = rows.get(claimed.sequence());
        return row != null && row.entry.status() != InboxStatus.PENDING && row.entry.attempts() == claimed.attempts();
    }

    @Override
    public synchronized long backlog() {
        return rows.values().stream().filter(row -> row.entry.status() == InboxStatus.PENDING).count();
    }

    /** Every entry, oldest first, in its current state (for tests and the demo). */
    public synchronized List<InboxEntry> entries() {
        return rows.values().stream().map(row -> row.entry).toList();
    }

    private static InboxEntry with(InboxEntry entry, int attempts, InboxStatus status, Optional<String> payload,
                                   Optional<String> error) {
        return new InboxEntry(entry.sequence(), entry.platform(), entry.eventId(), entry.tenant(),
                entry.orderingKey(), entry.kind(), payload, entry.receivedAt(), attempts, status, error);
    }

    private record Row(InboxEntry entry, Instant availableAt, Instant leaseUntil) {
    }
}
