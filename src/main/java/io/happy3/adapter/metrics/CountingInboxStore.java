package io.happy3.adapter.metrics;

import static java.util.Objects.requireNonNull;

import io.happy3.app.Telemetry;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The inbox, counting what arrives for {@code /metrics}: events received and redeliveries dropped, per
 * platform, and failed processing attempts. Every adapter writes through the inbox, so this sees all traffic.
 */
public final class CountingInboxStore implements InboxStore {
    private final InboxStore delegate;
    private final Telemetry telemetry;

    public CountingInboxStore(InboxStore delegate, Telemetry telemetry) {
        this.delegate = requireNonNull(delegate, "delegate == null");
        this.telemetry = requireNonNull(telemetry, "telemetry == null");
    }

    @Override
    public boolean append(InboxEntry entry) {
        boolean stored = delegate.append(entry);
        telemetry.eventReceived(entry.platform(), !stored);
        return stored;
    }

    @Override
    public List<InboxEntry> claim(String owner, int limit, Instant now, Duration lease) {
        return delegate.claim(owner, limit, now, lease);
    }

    @Override
    public boolean markDone(InboxEntry claimed) {
        return delegate.markDone(claimed);
    }

    @Override
    public boolean process(InboxEntry claimed, Runnable work) {
        return delegate.process(claimed, work);
    }

    @Override
    public boolean markFailed(InboxEntry claimed, String error, Instant retryAt, boolean giveUp) {
        boolean recorded = delegate.markFailed(claimed, error, retryAt, giveUp);
        telemetry.eventFailed(claimed.platform());
        return recorded;
    }

    @Override
    public List<InboxEntry> renew(List<InboxEntry> claimed, Instant until) {
        return delegate.renew(claimed, until);
    }

    @Override
    public int acksWaiting() {
        return delegate.acksWaiting();
    }

    @Override
    public long backlog() {
        return delegate.backlog();
    }
}
