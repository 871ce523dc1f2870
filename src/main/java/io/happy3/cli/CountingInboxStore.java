package io.happy3.cli;

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
final class CountingInboxStore implements InboxStore {
    private final InboxStore delegate;
    private final Telemetry telemetry;
    private final java.util.Map<Long, io.happy3.domain.chat.Platform> claimedPlatforms =
            new java.util.concurrent.ConcurrentHashMap<>();

    CountingInboxStore(InboxStore delegate, Telemetry telemetry) {
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
        List<InboxEntry> claimed = delegate.claim(owner, limit, now, lease);
        claimed.forEach(entry -> claimedPlatforms.put(entry.sequence(), entry.platform()));
        return claimed;
    }

    @Override
    public void markDone(long sequence) {
        delegate.markDone(sequence);
        claimedPlatforms.remove(sequence);
    }

    @Override
    public void markFailed(long sequence, String error, Instant retryAt, boolean giveUp) {
        delegate.markFailed(sequence, error, retryAt, giveUp);
        // The failure callback carries no platform: the entry's, remembered when this process claimed it.
        io.happy3.domain.chat.Platform platform = claimedPlatforms.remove(sequence);
        telemetry.eventFailed(platform == null ? io.happy3.domain.chat.Platform.LOCAL : platform);
    }

    @Override
    public long backlog() {
        return delegate.backlog();
    }

}
