package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.review.RitualLedger;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The ritual ledger in a set. Thread-safe. */
public final class InMemoryRitualLedger implements RitualLedger {
    private final Set<List<String>> sent = ConcurrentHashMap.newKeySet();

    @Override
    public boolean markSent(String tenant, String ritual, String period) {
        return sent.add(key(tenant, ritual, period));
    }

    @Override
    public boolean everSent(String tenant, String ritual) {
        return sent.stream().anyMatch(key -> key.get(0).equals(tenant) && key.get(1).equals(ritual));
    }

    @Override
    public void release(String tenant, String ritual, String period) {
        sent.remove(key(tenant, ritual, period));
    }

    private static List<String> key(String tenant, String ritual, String period) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(ritual, "ritual == null");
        requireNonNull(period, "period == null");
        return List.of(tenant, ritual, period);
    }
}
