package io.happy3.domain.issue;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.UserRef;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: durable issues with their history. Implementations are thread-safe. */
public interface IssueStore {
    Optional<Issue> find(IssueId id);

    /**
     * The issues among {@code ids} that exist, by id (the scheduler reads a round's issues at once). Stores with a
     * query language answer it in one query per few hundred ids.
     */
    default Map<IssueId, Issue> findAll(Collection<IssueId> ids) {
        Map<IssueId, Issue> found = new LinkedHashMap<>();
        for (IssueId id : ids) {
            find(id).ifPresent(issue -> found.put(id, issue));
        }
        return found;
    }

    /**
     * Inserts or replaces the issue (and its whole history), if the stored issue is still at
     * {@code issue.version()} (absent for version 0); the stored version then goes up by one.
     *
     * @throws IssueChangedConcurrentlyException when another writer saved the issue since it was read
     */
    void save(Issue issue);

    /** The issue that contains {@code message} (its root or a reply). */
    Optional<Issue> findByMessage(MessageRef message);

    /** Issues of {@code customer} in {@code channel} opened at or after {@code since}, oldest first. */
    List<Issue> findByCustomer(ChannelRef channel, UserRef customer, Instant since);

    /** Issues of {@code tenant} with any activity in [from, to): opened before {@code to}, active after {@code from}. */
    List<Issue> findActiveBetween(String tenant, Instant from, Instant to);

    /**
     * {@link #findActiveBetween} for the issues whose agent is {@code agent} (an agent's check-ins). Stores with a
     * query language answer it without reading the workspace's other issues.
     */
    default List<Issue> findActiveBetween(String tenant, Instant from, Instant to, UserRef agent) {
        return findActiveBetween(tenant, from, to).stream().filter(issue -> issue.agent().filter(agent::equals)
                .isPresent()).toList();
    }

    /**
     * The latest activity of each of {@code customers} in any of {@code tenant}'s issues opened before
     * {@code before}; a customer without one is left out.
     */
    default Map<UserRef, Instant> findLatestActivity(String tenant, Collection<UserRef> customers, Instant before) {
        Map<UserRef, Instant> latest = new LinkedHashMap<>();
        findActiveBetween(tenant, Instant.EPOCH, before).stream().filter(issue -> customers.contains(issue.customer()))
                .forEach(issue -> latest.merge(issue.customer(), issue.lastActivityAt(),
                        (a, b) -> a.isAfter(b) ? a : b));
        return latest;
    }

    /**
     * How many of {@code tenant}'s issues (of one channel, or all) opened before {@code to} and active at or after
     * {@code from} each agent has (the issue's current agent; empty: none yet). Stores with a query language count
     * them in one grouped query.
     */
    default Map<Optional<UserRef>, Integer> countActiveBetweenByAgent(String tenant, Optional<ChannelRef> channel,
                                                                     Instant from, Instant to) {
        Map<Optional<UserRef>, Integer> counts = new LinkedHashMap<>();
        findHeadsActiveBetween(tenant, channel, from, to).forEach(issue -> counts.merge(issue.agent(), 1, Integer::sum));
        return counts;
    }

    /**
     * {@link #findActiveBetween(String, Instant, Instant)} (or, with a channel, of that channel) for callers that
     * need only the issues' heads (id, channel, agent, times): stores with a query language leave the histories
     * out, so an issue found here may have an empty {@link Issue#history()}. The review's per-issue counts use it.
     */
    default List<Issue> findHeadsActiveBetween(String tenant, Optional<ChannelRef> channel, Instant from, Instant to) {
        return channel.map(scope -> findActiveBetween(scope, from, to)).orElseGet(() -> findActiveBetween(tenant, from, to));
    }

    /**
     * The issues of one channel with any activity in [from, to), as {@link #findActiveBetween(String, Instant,
     * Instant)} filtered to {@code channel}. Stores with a query language answer it without reading the tenant's
     * other channels (the weekly digest: one per channel, over weeks of a busy tenant).
     */
    default List<Issue> findActiveBetween(ChannelRef channel, Instant from, Instant to) {
        return findActiveBetween(channel.tenant(), from, to).stream().filter(issue -> issue.channel().equals(channel))
                .toList();
    }

    /** Every issue still in an active state, across tenants. */
    List<Issue> findActive();

    /**
     * The active issues with no activity after {@code quietSince} (the stale sweep's candidates), across
     * tenants, oldest first. Stores with a query language answer it without reading every active issue.
     */
    default List<Issue> findActiveQuietSince(Instant quietSince) {
        return findActive().stream().filter(issue -> !issue.lastActivityAt().isAfter(quietSince)).toList();
    }

    /**
     * The active issues whose agent is {@code agent}, oldest first (an agent's App Home). Stores with a
     * query language answer it without reading every active issue.
     */
    default List<Issue> findActiveOfAgent(UserRef agent) {
        return findActive().stream().filter(issue -> issue.agent().filter(agent::equals).isPresent()).toList();
    }
}
