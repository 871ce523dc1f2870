package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Desired results in a map by issue. Thread-safe. */
public final class InMemoryDesiredResultStore implements DesiredResultStore {
    private final Map<IssueId, DesiredResult> results = new ConcurrentHashMap<>();

    @Override
    public void save(DesiredResult result) {
        results.put(requireNonNull(result, "result == null").issueId(), result);
    }

    @Override
    public Optional<DesiredResult> find(IssueId issueId) {
        return Optional.ofNullable(results.get(requireNonNull(issueId, "issueId == null")));
    }

    @Override
    public List<DesiredResult> findRecordedBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        return results.values().stream().filter(result -> result.tenant().equals(tenant) && result.recorded())
                .filter(result -> !result.at().isBefore(from) && result.at().isBefore(to))
                .sorted(Comparator.comparing(DesiredResult::at).thenComparing(result -> result.issueId().value()))
                .toList();
    }
}
