package io.happy3.domain.customer;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the desired result of each issue, at most one per issue. Thread-safe. */
public interface DesiredResultStore {
    /** Inserts or replaces the issue's desired result. */
    void save(DesiredResult result);

    Optional<DesiredResult> find(IssueId issueId);

    /**
     * The desired results of those of {@code issueIds} that have one. Stores with a query language read them in a
     * few queries, not one per issue (a review over a busy week counts tens of thousands of issues).
     */
    default Map<IssueId, DesiredResult> findAll(Collection<IssueId> issueIds) {
        Map<IssueId, DesiredResult> found = new HashMap<>();
        issueIds.forEach(id -> find(id).ifPresent(result -> found.put(id, result)));
        return found;
    }

    /** {@code tenant}'s recorded results with {@code at} in [from, to), oldest first (for reviews). */
    List<DesiredResult> findRecordedBetween(String tenant, Instant from, Instant to);

    /**
     * The desired results of {@code tenant}'s issues (of one channel, or all) opened before {@code to} and active at
     * or after {@code from}, when this store can find them by the issues (a store beside the issues, in one
     * query); empty when it cannot, and the caller looks them up by the issues' ids.
     */
    default Optional<Map<IssueId, DesiredResult>> findOfIssuesActiveBetween(String tenant,
                                                                           Optional<ChannelRef> channel,
                                                                           Instant from, Instant to) {
        return Optional.empty();
    }
}
