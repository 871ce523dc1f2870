package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.customer.CheckIn;
import io.happy3.domain.customer.CheckInStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Check-ins in a map by id. Thread-safe. */
public final class InMemoryCheckInStore implements CheckInStore {
    private final Map<String, CheckIn> checkIns = new ConcurrentHashMap<>();

    @Override
    public boolean record(CheckIn checkIn) {
        return checkIns.putIfAbsent(requireNonNull(checkIn, "checkIn == null").id(), checkIn) == null;
    }

    @Override
    public List<CheckIn> findBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        return checkIns.values().stream().filter(checkIn -> checkIn.tenant().equals(tenant))
                .filter(checkIn -> !checkIn.at().isBefore(from) && checkIn.at().isBefore(to))
                .sorted(Comparator.comparing(CheckIn::at).thenComparing(CheckIn::id)).toList();
    }
}
