package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.review.IssueTally;
import io.happy3.domain.review.ReviewCompiler;
import io.happy3.domain.review.ReviewPeriod;
import io.happy3.domain.review.Scorecard;
import io.happy3.domain.review.TallyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The weeks' scorecards from stored per-issue tallies ({@link TallyStore}): a week is tallied once from its issues
 * (those opened before its end and active since the start of the week before, as {@code /review} has always read
 * them), then kept up to date from the issues saved since (the store's pending issues, each re-tallied for every
 * stored week it can change) and, for a week in progress, from the tallies a later cutoff changes (each tally
 * knows until when it holds). So a review reads a few hundred rows of tallies per agent instead of a fortnight of
 * histories; its numbers are those {@link ReviewCompiler#compile} gives over the same issues (IssueTallyTest,
 * ReviewTalliesTest). Thread-safe: one review or digest brings the tallies up to date at a time.
 */
public final class ReviewTallies {
    /** Pending issues read per round. */
    private static final int PENDING_ROUND = 2_000;
    /** Rounds of pending issues per review at most (a backlog beyond is folded in by the next reviews). */
    private static final int MAX_ROUNDS = 50;
    /** Folds kept (see {@link #folds}). */
    private static final int KEPT_FOLDS = 64;
    private final IssueStore issues;
    private final TallyStore store;
    private final Supplier<Map<PlaybookId, Playbook>> playbooks;
    /**
     * The folds of the weeks last reviewed (a week over changes only when one of its issues does): a few per
     * tenant and channel reviewed, each a few hundred sums per agent.
     */
    private final Map<FoldKey, ReviewCompiler.Fold> folds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FoldKey, ReviewCompiler.Fold> eldest) {
            return size() > KEPT_FOLDS;
        }
    };

    public ReviewTallies(IssueStore issues, TallyStore store, Supplier<Map<PlaybookId, Playbook>> playbooks) {
        this.issues = requireNonNull(issues, "issues == null");
        this.store = requireNonNull(store, "store == null");
        this.playbooks = requireNonNull(playbooks, "playbooks == null");
    }

    /** The cutoff a week is reviewed at: its end once over, else {@code now} (never before its start). */
    static Instant cutoff(ReviewPeriod period, Instant now) {
        // Whole microseconds: the databases keep no finer instants, and a stored cutoff must be the one tallied at.
        Instant cutoff = now.isBefore(period.end()) ? now.truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                : period.end();
        return cutoff.isBefore(period.start()) ? period.start() : cutoff;
    }

    /**
     * The scorecards of {@code periods} of {@code tenant} (of one channel, or all), each as it stood at its
     * {@code asOf} (see {@link #cutoff}); {@code nudges} are the weeks' nudges (they are not tallied).
     */
    public synchronized List<Scorecard> scorecards(String tenant, Optional<ChannelRef> channel,
                                                   Map<ReviewPeriod, Instant> periods, List<Nudge> nudges) {
        Map<PlaybookId, Playbook> books = playbooks.get();
        String fingerprint = ReviewCompiler.fingerprint(books);
        bringUpToDate(tenant, periods, books, fingerprint);
        List<Scorecard> scorecards = new ArrayList<>();
        for (Map.Entry<ReviewPeriod, Instant> period : periods.entrySet()) {
            TallyStore.Week week = TallyStore.Week.of(tenant, period.getKey());
            Optional<TallyStore.Stored> stored = store.find(week);
            FoldKey key = new FoldKey(week, channel, fingerprint, stored.map(TallyStore.Stored::revision).orElse(0L),
                    period.getValue());
            ReviewCompiler.Fold fold = stored.isPresent() ? folds.get(key) : null;
            if (fold != null) {
                scorecards.add(ReviewCompiler.finish(fold, nudges, books));
                continue;
            }
            List<IssueTally> tallies = store.tallies(week, channel);
            List<IssueId> live = tallies.stream().filter(tally -> tally.live() && !tally.excluded())
                    .map(IssueTally::issueId).toList();
            if (live.isEmpty()) {
                fold = ReviewCompiler.fold(period.getKey(), period.getValue(), tallies);
                if (stored.isPresent()) {
                    folds.put(key, fold);
                }
                scorecards.add(ReviewCompiler.finish(fold, nudges, books));
            } else {
                scorecards.add(ReviewCompiler.compileTallies(period.getKey(), period.getValue(), tallies,
                        issues.findAll(live), nudges, books));
            }
        }
        return scorecards;
    }

    /**
     * What a fold was made from: a week (of one channel or all) under some playbooks at one revision of its
     * tallies and one cutoff. Another process's write to the week changes the revision, so a kept fold is never
     * used past a change.
     */
    private record FoldKey(TallyStore.Week week, Optional<ChannelRef> channel, String fingerprint, long revision,
                           Instant cutoff) {
    }

    private void bringUpToDate(String tenant, Map<ReviewPeriod, Instant> periods, Map<PlaybookId, Playbook> books,
                               String fingerprint) {
        Map<IssueId, Issue> inHand = new HashMap<>();
        List<ReviewPeriod> fresh = new ArrayList<>();
        for (Map.Entry<ReviewPeriod, Instant> period : periods.entrySet()) {
            Optional<TallyStore.Stored> stored = store.find(TallyStore.Week.of(tenant, period.getKey()));
            if (stored.isEmpty() || !stored.get().fingerprint().equals(fingerprint)
                    || stored.get().cutoff().isAfter(period.getValue())) {
                fresh.add(period.getKey());
            } else if (!stored.get().cutoff().equals(period.getValue())) {
                advance(stored.get(), period.getValue(), books, inHand);
            }
        }
        tallyAfresh(tenant, fresh, periods, books, fingerprint, inHand);
        settlePending(tenant, periods, books, fingerprint, inHand);
    }

    /**
     * Tallies each week in {@code fresh} from its issues, one week's issues at a time (the digest tallies eight weeks
     * at once: their histories together would not fit the image's heap); the latest week last, so that its issues,
     * the likeliest pending, stay in {@code inHand}.
     */
    private void tallyAfresh(String tenant, List<ReviewPeriod> fresh, Map<ReviewPeriod, Instant> periods,
                             Map<PlaybookId, Playbook> books, String fingerprint, Map<IssueId, Issue> inHand) {
        fresh.sort(Comparator.comparing(ReviewPeriod::start));
        for (ReviewPeriod period : fresh) {
            Instant asOf = periods.get(period);
            List<Issue> read = issues.findActiveBetween(tenant, period.previous().start(), period.end());
            inHand.clear();
            read.forEach(issue -> inHand.put(issue.id(), issue));
            List<IssueTally> tallies = new ArrayList<>();
            for (Issue issue : read) {
                IssueTally tally = IssueTally.of(issue, books, period, asOf);
                if (!tally.negligible()) {
                    tallies.add(tally);
                }
            }
            store.replace(TallyStore.Week.of(tenant, period), fingerprint, asOf, tallies);
        }
    }

    /** Re-tallies the issues saved since their weeks were tallied, in rounds of {@code PENDING_ROUND}. */
    private void settlePending(String tenant, Map<ReviewPeriod, Instant> periods, Map<PlaybookId, Playbook> books,
                               String fingerprint, Map<IssueId, Issue> inHand) {
        Instant before = periods.keySet().stream().map(ReviewPeriod::end).max(Comparator.naturalOrder()).orElseThrow();
        Instant activeSince = periods.keySet().stream().map(period -> period.previous().start())
                .min(Comparator.naturalOrder()).orElseThrow();
        // The issues read above serve the first round; later rounds read afresh, so an issue saved again meanwhile
        // is read at its newer version (and one saved during its own round stays pending for the next review).
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<TallyStore.Pending> pending = store.pending(tenant, before, activeSince, PENDING_ROUND);
            if (!pending.isEmpty()) {
                settle(tenant, pending, books, fingerprint, round == 0 ? inHand : new HashMap<>());
            }
            if (pending.size() < PENDING_ROUND) {
                break;
            }
        }
    }

    /** A week in progress reviewed later: re-tallies the issues whose tally a later cutoff changes. */
    private void advance(TallyStore.Stored stored, Instant cutoff, Map<PlaybookId, Playbook> books,
                         Map<IssueId, Issue> inHand) {
        List<IssueId> changed = store.tallies(stored.week(), Optional.empty()).stream()
                .filter(tally -> !tally.holdsAt(stored.cutoff(), cutoff)).map(IssueTally::issueId).toList();
        Map<IssueId, Issue> found = read(changed, inHand);
        ReviewPeriod period = stored.week().period();
        Map<IssueId, Optional<IssueTally>> changes = new LinkedHashMap<>();
        for (IssueId id : changed) {
            changes.put(id, Optional.ofNullable(found.get(id)).filter(issue -> member(issue, period))
                    .map(issue -> IssueTally.of(issue, books, period, cutoff)).filter(tally -> !tally.negligible()));
        }
        store.update(stored.week(), cutoff, changes);
    }

    /** Re-tallies the pending issues for every stored week they can change, then marks them up to date. */
    private void settle(String tenant, List<TallyStore.Pending> pending, Map<PlaybookId, Playbook> books,
                        String fingerprint, Map<IssueId, Issue> inHand) {
        Map<IssueId, Issue> found = read(pending.stream().map(TallyStore.Pending::issue).toList(), inHand);
        List<TallyStore.Stored> weeks = store.weeks(tenant);
        for (TallyStore.Stored week : weeks) {
            ReviewPeriod period = week.week().period();
            Map<IssueId, Optional<IssueTally>> changes = new LinkedHashMap<>();
            for (TallyStore.Pending each : pending) {
                if (!period.end().isAfter(each.from())) {
                    continue;
                }
                changes.put(each.issue(), Optional.ofNullable(found.get(each.issue()))
                        .filter(issue -> member(issue, period))
                        .map(issue -> IssueTally.of(issue, books, period, week.cutoff()))
                        .filter(tally -> !tally.negligible()));
            }
            if (!changes.isEmpty() && week.fingerprint().equals(fingerprint)) {
                store.update(week.week(), week.cutoff(), changes);
            }
        }
        Map<IssueId, Long> versions = new LinkedHashMap<>();
        found.values().forEach(issue -> versions.put(issue.id(), issue.version()));
        store.settle(versions);
    }

    private Map<IssueId, Issue> read(List<IssueId> ids, Map<IssueId, Issue> inHand) {
        Map<IssueId, Issue> found = new HashMap<>();
        List<IssueId> missing = new ArrayList<>();
        for (IssueId id : ids) {
            Issue issue = inHand.get(id);
            if (issue == null) {
                missing.add(id);
            } else {
                found.put(id, issue);
            }
        }
        if (!missing.isEmpty()) {
            Map<IssueId, Issue> read = issues.findAll(missing);
            read.values().forEach(issue -> inHand.put(issue.id(), issue));
            found.putAll(read);
        }
        return found;
    }

    /** The issues a week's scorecard is computed over: opened before its end, active since the week before it. */
    static boolean member(Issue issue, ReviewPeriod period) {
        return issue.openedAt().isBefore(period.end()) && !issue.lastActivityAt().isBefore(period.previous().start());
    }
}
