package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Proud moments in a map. Thread-safe. */
public final class InMemoryProudMomentStore implements ProudMomentStore {
    private final Map<String, ProudMoment> moments = new ConcurrentHashMap<>();

    @Override
    public boolean add(ProudMoment moment) {
        requireNonNull(moment, "moment == null");
        return moments.putIfAbsent(moment.id(), moment) == null;
    }

    @Override
    public void update(ProudMoment moment) {
        requireNonNull(moment, "moment == null");
        if (moments.replace(moment.id(), moment) == null) {
            throw new IllegalStateException("updating proud moment " + moment.id() + " failed: no such moment");
        }
    }

    @Override
    public Optional<ProudMoment> find(String id) {
        requireNonNull(id, "id == null");
        return Optional.ofNullable(moments.get(id));
    }

    @Override
    public List<ProudMoment> findBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        return moments.values().stream()
                .filter(moment -> moment.tenant().equals(tenant))
                .filter(moment -> !moment.at().isBefore(from) && moment.at().isBefore(to))
                .sorted(Comparator.comparing(ProudMoment::at).thenComparing(ProudMoment::id))
                .toList();
    }
}
