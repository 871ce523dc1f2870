package io.happy3.domain.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: durable proud moments. Thread-safe. */
public interface ProudMomentStore {
    /** Stores the moment unless one with its id exists (nominations are idempotent); true when stored. */
    boolean add(ProudMoment moment);

    void update(ProudMoment moment);

    Optional<ProudMoment> find(String id);

    /** Moments of {@code tenant} with {@code at} in [from, to), oldest first. */
    List<ProudMoment> findBetween(String tenant, Instant from, Instant to);
}
