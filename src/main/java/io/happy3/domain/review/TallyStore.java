package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weeks' {@link IssueTally tallies}, kept so that a review folds them instead of reading a fortnight of
 * histories, and the issues changed since their tallies were last brought up to date ("pending"): a store that
 * keeps issues notes, on every save, the earliest event time the save added (or could have changed), so a late
 * event of a past week is found. Implementations are thread-safe.
 */
public interface TallyStore {
    /** One ISO week of one tenant, in one time zone. */
    record Week(String tenant, ZoneId zone, Instant start) {
        public Week {
            requireNonNull(tenant, "tenant == null");
            requireNonNull(zone, "zone == null");
            requireNonNull(start, "start == null");
        }

        public static Week of(String tenant, ReviewPeriod period) {
            return new Week(tenant, period.zone(), period.start());
        }

        public ReviewPeriod period() {
            return ReviewPeriod.containing(start, zone);
        }
    }

    /**
     * A week's stored tallies: computed under the playbooks named {@code fingerprint}, at {@code cutoff}; the
     * {@code revision} changes with every write to them.
     */
    record Stored(Week week, String fingerprint, Instant cutoff, long revision) {
    }

    /** An issue saved since its tallies were last brought up to date, and the earliest instant the saves touched. */
    record Pending(IssueId issue, Instant from) {
    }

    Optional<Stored> find(Week week);

    /** Every week of {@code tenant} with stored tallies. */
    List<Stored> weeks(String tenant);

    /** Replaces all of {@code week}'s tallies. */
    void replace(Week week, String fingerprint, Instant cutoff, List<IssueTally> tallies);

    /**
     * Replaces the tallies of the issues in {@code changes} (an empty value deletes the issue's tally) and records
     * that the week's tallies now hold at {@code cutoff}.
     */
    void update(Week week, Instant cutoff, Map<IssueId, Optional<IssueTally>> changes);

    /** The week's tallies, of one channel or all, in the order the issues are read: by opening time, then id. */
    List<IssueTally> tallies(Week week, Optional<ChannelRef> channel);

    /**
     * Up to {@code limit} issues of {@code tenant} pending since before {@code before} and active at or after
     * {@code activeSince}, earliest first.
     */
    List<Pending> pending(String tenant, Instant before, Instant activeSince, int limit);

    /** Marks the issues up to date, each only while it is still at the version given (a later save stays pending). */
    void settle(Map<IssueId, Long> versions);
}
