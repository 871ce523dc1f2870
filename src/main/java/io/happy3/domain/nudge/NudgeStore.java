package io.happy3.domain.nudge;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Port: durable nudges, claimed by schedulers with a lease so that N replicas never send the same
 * nudge. Implementations are thread-safe.
 */
public interface NudgeStore {
    /** Stores {@code nudge} unless a nudge with its key exists; true when it was stored. */
    boolean schedule(Nudge nudge);

    /**
     * {@link #schedule} for several nudges at once (one round trip where the adapter can); returns those that were
     * stored, in order.
     */
    default List<Nudge> scheduleAll(List<Nudge> nudges) {
        return nudges.stream().filter(this::schedule).toList();
    }

    /**
     * Claims up to {@code limit} {@link NudgeStatus#PENDING} nudges with {@code dueAt <= now} whose lease
     * is free or expired, leasing them to {@code owner} until {@code now + lease}. A claimed nudge is not
     * returned to another owner until its lease expires or {@link #update} releases it.
     */
    List<Nudge> claimDue(String owner, int limit, Instant now, Duration lease);

    /** The earliest due time of a {@link NudgeStatus#PENDING} nudge, if any (lets a simulation skip idle time). */
    Optional<Instant> nextDue();

    /** Writes the nudge's new state and releases any lease on it (answers, cancellations outside a claim). */
    void update(Nudge nudge);

    /** {@link #update} for several nudges at once (one round trip where the adapter can). */
    default void updateAll(List<Nudge> nudges) {
        nudges.forEach(this::update);
    }

    /**
     * Writes the new state of a nudge that {@code owner} claimed and releases the lease. Fenced: false, and
     * nothing written, when the claim is no longer {@code owner}'s (its lease ran out and another claim took
     * the nudge over), so a slow scheduler can never record a nudge sent a second time.
     */
    boolean updateClaimed(Nudge nudge, String owner);

    /**
     * {@link #updateClaimed} for several nudges of one claim at once (one commit where the adapter can);
     * returns the ids of those written, in order. A nudge whose claim {@code owner} lost is left alone.
     */
    default List<NudgeId> updateClaimed(List<Nudge> nudges, String owner) {
        List<NudgeId> written = new ArrayList<>();
        for (Nudge nudge : nudges) {
            if (updateClaimed(nudge, owner)) {
                written.add(nudge.id());
            }
        }
        return written;
    }

    /** Extends {@code owner}'s leases on these nudges to {@code until}; returns the ids it still holds. */
    List<NudgeId> renew(String owner, List<NudgeId> ids, Instant until);

    Optional<Nudge> find(NudgeId id);

    List<Nudge> findByIssue(IssueId issueId);

    /** Nudges to {@code recipient} that are open or sent and not yet answered (the agent's inbox). */
    List<Nudge> findInbox(UserRef recipient);

    /**
     * The first {@code limit} waiting and upcoming nudges of {@code recipient}'s inbox, with how many of each (the
     * App Home); stores with a query language read no more rows than that.
     */
    default NudgeInbox findInbox(UserRef recipient, int limit) {
        return NudgeInbox.of(findInbox(recipient), limit);
    }

    /** Nudges of {@code tenant} due in [from, to), any status (for nudge analytics). */
    List<Nudge> findDueBetween(String tenant, Instant from, Instant to);

    /** How many nudges reached {@code recipient} with {@code sentAt} in [from, to). */
    int countSent(UserRef recipient, Instant from, Instant to);
}
