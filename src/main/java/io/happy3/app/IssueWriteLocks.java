package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.IssueChangedConcurrentlyException;
import io.happy3.domain.issue.IssueId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises every writer of one issue in this process, whatever the entry point (inbox events, a reaction on
 * a thread reply, a Teams card action answered on the HTTP thread, the stale sweep): a write runs under the
 * lock of its issue id. Across replicas the store's version check catches the rest: a write that lost the
 * race is read again and re-applied, up to {@link #ATTEMPTS} times. Thread-safe; reentrant. One instance is
 * shared by every use case that writes issues ({@link Engine} builds it), so a button press, a reaction on a
 * reply and the stale sweep never overwrite each other.
 */
public final class IssueWriteLocks {
    static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(IssueWriteLocks.class);
    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public IssueWriteLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code write} under {@code issue}'s lock. {@code write} must read the issue itself, so that a retry
     * after {@link IssueChangedConcurrentlyException} starts from what is stored now.
     */
    public <T> T serialised(IssueId issue, Supplier<T> write) {
        requireNonNull(issue, "issue == null");
        requireNonNull(write, "write == null");
        ReentrantLock lock = stripes[Math.floorMod(issue.hashCode(), STRIPES)];
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return write.get();
                } catch (IssueChangedConcurrentlyException e) {
                    if (attempt >= ATTEMPTS || lock.getHoldCount() > 1) {
                        throw e; // an outer write of the same issue re-reads and retries the whole change
                    }
                    log.info("issue {} changed meanwhile (attempt {}); reading it again", issue.value(), attempt);
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
