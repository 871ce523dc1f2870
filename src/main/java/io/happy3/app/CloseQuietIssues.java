package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.playbook.Playbook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: closes issues that have been quiet for their playbook's {@code stale_after} as stale and
 * unverified, so reviews count them and their pending nudges stop. Safe to run on several replicas:
 * closing twice records nothing new.
 */
public final class CloseQuietIssues {
    private static final Logger log = LoggerFactory.getLogger(CloseQuietIssues.class);

    private final TeamDirectory team;
    private final IssueStore issues;
    private final RecordTransition record;
    private final IssueWriteLocks locks;
    private final IssueTracker tracker = new IssueTracker();
    private final Clock clock;

    public CloseQuietIssues(TeamDirectory team, IssueStore issues, RecordTransition record, IssueWriteLocks locks,
                            Clock clock) {
        this.team = requireNonNull(team, "team == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.record = requireNonNull(record, "record == null");
        this.locks = requireNonNull(locks, "locks == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Closes every quiet issue; returns how many were closed. */
    public int sweep() {
        Instant now = clock.instant();
        int closed = 0;
        // Only issues quiet for the shortest stale_after in force can be stale: the others are not even read
        // (reading every active issue with its history held them all in memory at once).
        for (Issue active : issues.findActiveQuietSince(now.minus(shortestStaleAfter()))) {
            Duration staleAfter = team.playbook(active.playbookId()).map(Playbook::staleAfter)
                    .orElse(Playbook.DEFAULT_STALE_AFTER);
            // Read again under the issue's write lock: a message may have arrived since it was found.
            boolean closedNow = locks.serialised(active.id(), () -> issues.find(active.id())
                    .flatMap(issue -> tracker.onQuietCheck(issue, now, staleAfter))
                    .map(transition -> record.record(transition, team.followed(active.channel())))
                    .isPresent());
            if (closedNow) {
                closed++;
                log.info("issue {} closed stale after {}", active.id(), staleAfter);
            }
        }
        return closed;
    }

    /** The shortest {@code stale_after} of the playbooks in force (an issue of an unknown playbook gets the default). */
    private Duration shortestStaleAfter() {
        return team.playbooksById().values().stream().map(Playbook::staleAfter)
                .reduce(Playbook.DEFAULT_STALE_AFTER, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
}
