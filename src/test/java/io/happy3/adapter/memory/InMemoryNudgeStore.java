package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Nudges in a map, claimed with leases like the JDBC store. Thread-safe (one lock). */
public final class InMemoryNudgeStore implements NudgeStore {
    private static final Comparator<Nudge> BY_DUE = Comparator.comparing(Nudge::dueAt)
            .thenComparing(nudge -> nudge.id().value());

    private final Map<NudgeId, Leased> nudges = new HashMap<>();
    private final Set<NudgeKey> keys = new HashSet<>();

    @Override
    public synchronized boolean schedule(Nudge nudge) {
        requireNonNull(nudge, "nudge == null");
        if (keys.contains(nudge.key()) || nudges.containsKey(nudge.id())) {
            return false;
        }
        keys.add(nudge.key());
        nudges.put(nudge.id(), new Leased(nudge, null, null));
        return true;
    }

    @Override
    public synchronized List<Nudge> claimDue(String owner, int limit, Instant now, Duration lease) {
        requireNonNull(now, "now == null");
        requireNonNull(owner, "owner == null");
        requireNonNull(lease, "lease == null");
        List<Nudge> due = nudges.values().stream()
                .filter(row -> row.nudge.status() == NudgeStatus.PENDING && !row.nudge.dueAt().isAfter(now))
                .filter(row -> row.leaseUntil == null || !row.leaseUntil.isAfter(now))
                .map(row -> row.nudge)
                .sorted(BY_DUE)
                .limit(Math.max(limit, 0))
                .toList();
        Instant until = now.plus(lease);
        for (Nudge nudge : due) {
            nudges.put(nudge.id(), new Leased(nudge, owner, until));
        }
        return due;
    }

    @Override
    public synchronized void update(Nudge nudge) {
        requireNonNull(nudge, "nudge == null");
        if (!nudges.containsKey(nudge.id())) {
            throw new IllegalStateException("updating nudge " + nudge.id() + " failed: no such nudge");
        }
        nudges.put(nudge.id(), new Leased(nudge, null, null));
    }

    @Override
    public synchronized boolean updateClaimed(Nudge nudge, String owner) {
        requireNonNull(nudge, "nudge == null");
        requireNonNull(owner, "owner == null");
        Leased row = nudges.get(nudge.id());
        if (row == null || !owner.equals(row.owner)) {
            return false;
        }
        nudges.put(nudge.id(), new Leased(nudge, null, null));
        return true;
    }

    @Override
    public synchronized List<NudgeId> renew(String owner, List<NudgeId> ids, Instant until) {
        requireNonNull(owner, "owner == null");
        requireNonNull(until, "until == null");
        List<NudgeId> held = new java.util.ArrayList<>();
        for (NudgeId id : ids) {
            Leased row = nudges.get(id);
            if (row != null && owner.equals(row.owner)) {
                nudges.put(id, new Leased(row.nudge, owner, until));
                held.add(id);
            }
        }
        return held;
    }

    @Override
    public synchronized Optional<Nudge> find(NudgeId id) {
        requireNonNull(id, "id == null");
        return Optional.ofNullable(nudges.get(id)).map(row -> row.nudge);
    }

    @Override
    public Optional<Instant> nextDue() {
        return select(nudge -> nudge.status() == NudgeStatus.PENDING).stream().map(Nudge::dueAt)
                .min(Instant::compareTo);
    }

    @Override
    public List<Nudge> findByIssue(IssueId issueId) {
        requireNonNull(issueId, "issueId == null");
        return select(nudge -> nudge.issueId().equals(issueId));
    }

    @Override
    public List<Nudge> findInbox(UserRef recipient) {
        requireNonNull(recipient, "recipient == null");
        return select(nudge -> nudge.recipient().equals(recipient)
                && (nudge.status().open() || nudge.status() == NudgeStatus.SENT));
    }

    @Override
    public List<Nudge> findDueBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        return select(nudge -> nudge.channel().tenant().equals(tenant) && !nudge.dueAt().isBefore(from)
                && nudge.dueAt().isBefore(to));
    }

    @Override
    public int countSent(UserRef recipient, Instant from, Instant to) {
        requireNonNull(recipient, "recipient == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        return select(nudge -> nudge.recipient().equals(recipient)
                && nudge.sentAt().filter(at -> !at.isBefore(from) && at.isBefore(to)).isPresent()).size();
    }

    private synchronized List<Nudge> select(Predicate<Nudge> filter) {
        List<Nudge> result = new ArrayList<>();
        for (Leased row : nudges.values()) {
            if (filter.test(row.nudge)) {
                result.add(row.nudge);
            }
        }
        result.sort(BY_DUE);
        return result;
    }

    private record Leased(Nudge nudge, String owner, Instant leaseUntil) {
    }
}
