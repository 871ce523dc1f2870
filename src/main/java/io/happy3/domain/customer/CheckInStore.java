package io.happy3.domain.customer;

import java.time.Instant;
import java.util.List;

/** Port: durable check-ins. Thread-safe. */
public interface CheckInStore {
    /** Stores the check-in unless one with its id exists; true when stored. */
    boolean record(CheckIn checkIn);

    /** Check-ins of {@code tenant} with {@code at} in [from, to), oldest first. */
    List<CheckIn> findBetween(String tenant, Instant from, Instant to);
}
