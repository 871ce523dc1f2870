package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueChangedConcurrentlyException;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Issues in a map, with the same version check on save as the database. Thread-safe. */
public final class InMemoryIssueStore implements IssueStore {
    private static final Comparator<Issue> OLDEST_FIRST = Comparator.comparing(Issue::openedAt)
            .thenComparing(issue -> issue.id().value());

    private final Map<IssueId, Issue> issues = new ConcurrentHashMap<>();

    @Override
    public Optional<Issue> find(IssueId id) {
        requireNonNull(id, "id == null");
        return Optional.ofNullable(issues.get(id));
    }

    @Override
    public void save(Issue issue) {
        requireNonNull(issue, "issue == null");
        issues.compute(issue.id(), (id, stored) -> {
            long storedVersion = stored == null ? 0 : stored.version();
            if (storedVersion != issue.version()) {
                throw new IssueChangedConcurrentlyException(id, issue.version());
            }
            return issue.atVersion(storedVersion + 1);
        });
    }

    @Override
    public Optional<Issue> findByMessage(MessageRef message) {
        requireNonNull(message, "message == null");
        return select(issue -> issue.channel().equals(message.channel()) && issue.contains(message.id()))
                .stream().findFirst();
    }

    @Override
    public List<Issue> findByCustomer(ChannelRef channel, UserRef customer, Instant since) {
        requireNonNull(channel, "channel == null");
        requireNonNull(customer, "customer == null");
        requireNonNull(since, "since == null");
        return select(issue -> issue.channel().equals(channel) && issue.customer().equals(customer)
                && !issue.openedAt().isBefore(since));
    }

    @Override
    public List<Issue> findActiveBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        return select(issue -> issue.channel().tenant().equals(tenant) && issue.openedAt().isBefore(to)
                && !issue.lastActivityAt().isBefore(from));
    }

    @Override
    public List<Issue> findActive() {
        return select(issue -> issue.state().active());
    }

    private List<Issue> select(Predicate<Issue> filter) {
        return issues.values().stream().filter(filter).sorted(OLDEST_FIRST).toList();
    }
}
