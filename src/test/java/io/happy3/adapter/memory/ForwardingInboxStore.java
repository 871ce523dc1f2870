package io.happy3.adapter.memory;

import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An inbox that forwards every call to another; tests extend it and override the one call they make fail or
 * count. The interface's default methods ({@code process}, {@code acksWaiting}) stay the interface's.
 */
public class ForwardingInboxStore implements InboxStore {
    private final InboxStore delegate;

    public ForwardingInboxStore(InboxStore delegate) {
        this.delegate = requireNonNull(delegate, "delegate == null");
    }

    @Override
    public boolean append(InboxEntry entry) {
        return delegate.append(entry);
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
    public boolean markFailed(InboxEntry claimed, String error, Instant retryAt, boolean giveUp) {
        return delegate.markFailed(claimed, error, retryAt, giveUp);
    }

    @Override
    public List<InboxEntry> renew(List<InboxEntry> claimed, Instant until) {
        return delegate.renew(claimed, until);
    }

    @Override
    public long backlog() {
        return delegate.backlog();
    }
}
