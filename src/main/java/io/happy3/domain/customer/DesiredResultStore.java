package io.happy3.domain.customer;

import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the desired result of each issue, at most one per issue. Thread-safe. */
public interface DesiredResultStore {
    /** Inserts or replaces the issue's desired result. */
    void save(DesiredResult result);

    Optional<DesiredResult> find(IssueId issueId);

    /** {@code tenant}'s recorded results with {@code at} in [from, to), oldest first (for reviews). */
    List<DesiredResult> findRecordedBetween(String tenant, Instant from, Instant to);
}
