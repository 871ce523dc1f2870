package io.happy3.app;

import io.happy3.domain.issue.IssueId;
import io.happy3.domain.signal.ThreadContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recent context of the threads being followed — roles, times, signals and cues of their last messages,
 * never text — kept in memory for the most recent {@code capacity} threads. After a restart a thread's next
 * message reads as if it had no history, which only loses context, never data. Thread-safe.
 */
final class ThreadContexts {
    private final Map<IssueId, ThreadContext> contexts;

    ThreadContexts(int capacity) {
        contexts = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<IssueId, ThreadContext> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized ThreadContext of(IssueId thread) {
        return contexts.getOrDefault(thread, ThreadContext.empty());
    }

    synchronized void then(IssueId thread, ThreadContext.Turn turn) {
        contexts.put(thread, contexts.getOrDefault(thread, ThreadContext.empty()).then(turn));
    }
}
