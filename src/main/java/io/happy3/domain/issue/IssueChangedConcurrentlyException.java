package io.happy3.domain.issue;

/**
 * Thrown by {@link IssueStore#save} when the stored issue changed since the saved value was read (another
 * writer saved first). Nothing was written; the caller reads the issue again and re-applies its change.
 */
public final class IssueChangedConcurrentlyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IssueChangedConcurrentlyException(IssueId id, long expectedVersion) {
        super("issue " + id.value() + " changed since version " + expectedVersion + " was read");
    }
}
