package io.happy3.domain.customer;

import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the desired result of each issue, at most one per issue. Thread-safe. */
public interface DesiredResultStore {
    /** Inserts or replaces the issue's desired result. */
    void save(DesiredResult result);

    Optional<DesiredResult> find(IssueId issueId);

    /** The results of those of {@code issueIds} that have one (a scheduler round's nudges), by issue. */
    default Map<IssueId, DesiredResult> findAll(Collection<IssueId> issueIds) {
        Map<IssueId, DesiredResult> found = new LinkedHashMap<>();
        for (IssueId id : issueIds) {
            find(id).ifPresent(result -> found.put(id, result));
        }
        return found;
    }

    /** {@code tenant}'s recorded results with {@code at} in [from, to), oldest first (for reviews). */
    List<DesiredResult> findRecordedBetween(String tenant, Instant from, Instant to);
}
