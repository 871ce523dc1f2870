package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the week's {@link Scorecard} from issue histories and nudges. Pure and stateless. The numbers
 * describe the week as it stood at its cutoff (the period's end, or {@code asOf} for a week in
 * progress): events after the cutoff are ignored, so a past week's scorecard never changes.
 *
 * <p>Scope: issues whose root message was deleted before any agent replied are left out, with their
 * nudges. An issue is <em>active</em> in the week when it was opened or had any event in it. Passing
 * more issues or nudges than the week's is harmless: every number below is defined by event times.
 *
 * <ul>
 * <li><b>Median first response</b>: over issues opened in the week whose first agent reply came by
 *     the cutoff (the mean of the two middle values for an even count).
 * <li><b>Left waiting past target</b>: customer messages (the opening message and each
 *     {@code CUSTOMER_REPLIED}) sent in the week whose next agent reply came later than the
 *     playbook's response target, or had not come by the cutoff although the target had passed.
 * <li><b>Verified-resolution rate</b>: of the issues with a resolution proposed or confirmed in the
 *     week (each issue once; a confirmation without a claim implies a proposal), the share with a
 *     verified confirmation (customer words or reaction) in the week. Issues whose only confirmation
 *     in the week is agent-attested are counted apart and are not in the numerator.
 * <li><b>Reopen and bounce-back rate</b>: issues reopened or bounced back in the week ÷ those plus the
 *     issues with a resolution proposed or confirmed in the week. <b>Closed stale</b>: issues with a
 *     {@code CLOSED_STALE} event in the week.
 * <li><b>Follow-ups done ÷ due</b>: due are the promises whose due time falls in the week and the
 *     occurrences of follow-up steps (steps whose goal is {@code followed_up}) whose wait ran out in
 *     the week. A promise is done when an agent replied after it and at or before its due time; a
 *     follow-up step when a {@code FOLLOWED_UP} event came after its trigger, by the cutoff.
 *     <b>Regressions caught</b>: {@code REOPENED} events in the week whose latest preceding lifecycle
 *     event (proposal, confirmation, reopen, follow-up, withdrawal, stale close) is a follow-up.
 * <li><b>Consistency</b>: a step occurrence is <em>applicable</em> to an issue when the step's
 *     trigger event happened and its wait ran out in the week; it <em>happened</em> when the step's
 *     goal event (its {@code unless}, else {@code followed_up} / {@code customer_confirmed} if it offers
 *     that action) came after the trigger by the cutoff, or, for steps with no goal event, a nudge of
 *     the step was acted on. The share counts issues with at least one applicable occurrence, all
 *     of which happened.
 * <li><b>Nudges</b>: a nudge belongs to the week of its last delivery (or its due time when never
 *     delivered). Sent = delivered or snoozed at least once; acted = status ACTED; snoozed = snoozed at
 *     least once; dismissed = status DISMISSED (skip or dismiss). The least-acted step is the one with
 *     the lowest acted ÷ sent (more sent first on a tie).
 * <li><b>Per agent</b>: an issue belongs to the agent who last replied or acted on it by the cutoff;
 *     a nudge to its recipient.
 * </ul>
 */
public final class ReviewCompiler {
    private ReviewCompiler() {
    }

    /** The scorecard of a finished week (cutoff: the period's end). */
    public static Scorecard compile(ReviewPeriod period, List<Issue> issues, List<Nudge> nudges,
                                    Map<PlaybookId, Playbook> playbooksById) {
        return compile(period, issues, nudges, playbooksById, period.end());
    }

    /** The scorecard of {@code period} as it stood at {@code asOf} (use "now" for the week in progress). */
    public static Scorecard compile(ReviewPeriod period, List<Issue> issues, List<Nudge> nudges,
                                    Map<PlaybookId, Playbook> playbooksById, Instant asOf) {
        requireNonNull(period, "period == null");
        requireNonNull(issues, "issues == null");
        requireNonNull(nudges, "nudges == null");
        requireNonNull(playbooksById, "playbooksById == null");
        requireNonNull(asOf, "asOf == null");
        ReviewWindow window = ReviewWindow.of(period, asOf);
        Map<IssueId, Issue> byId = new LinkedHashMap<>();
        issues.forEach(issue -> byId.put(issue.id(), issue));
        Set<IssueId> excluded = byId.values().stream().filter(ReviewCompiler::excluded).map(Issue::id)
                .collect(Collectors.toSet());
        List<Issue> counted = byId.values().stream()
                .filter(issue -> !excluded.contains(issue.id()) && window.known(issue.openedAt())).toList();
        List<Nudge> weekNudges = nudges.stream()
                .filter(nudge -> !excluded.contains(nudge.issueId()) && window.contains(nudge.sentAt().orElse(nudge.dueAt())))
                .toList();
        SectionCalculator team = new SectionCalculator(window, counted, weekNudges, playbooksById);
        return new Scorecard(period, window.cutoff(), team.activeIssues(), team.interaction(), team.result(),
                team.after(), team.consistency(), team.nudges(), agentScores(window, counted, weekNudges, playbooksById));
    }

    /** This week's scorecard next to the previous (full) week's. */
    public static ScorecardComparison compileWithPrevious(ReviewPeriod period, List<Issue> issues, List<Nudge> nudges,
                                                          Map<PlaybookId, Playbook> playbooksById, Instant asOf) {
        return new ScorecardComparison(compile(period, issues, nudges, playbooksById, asOf),
                compile(period.previous(), issues, nudges, playbooksById));
    }

    /** {@code count} full-week scorecards ending with {@code last}, oldest first (for the trend chart). */
    public static List<Scorecard> compileWeeks(ReviewPeriod last, int count, List<Issue> issues, List<Nudge> nudges,
                                               Map<PlaybookId, Playbook> playbooksById) {
        return last.weeksEndingHere(count).stream()
                .map(period -> compile(period, issues, nudges, playbooksById)).toList();
    }

    /**
     * The scorecard of {@code period} at {@code asOf} from its issues' tallies ({@link IssueTally}, in the order
     * the issues would be read: by opening time, then id), the same as {@link #compile} over those issues. A
     * {@linkplain IssueTally#live() live} tally is recomputed from its issue in {@code liveIssues} with the
     * week's nudges (for the team, and with the agent's own nudges for the agent's line).
     */
    public static Scorecard compileTallies(ReviewPeriod period, Instant asOf, List<IssueTally> tallies,
                                           Map<IssueId, Issue> liveIssues, List<Nudge> nudges,
                                           Map<PlaybookId, Playbook> playbooksById) {
        requireNonNull(tallies, "tallies == null");
        requireNonNull(liveIssues, "liveIssues == null");
        requireNonNull(nudges, "nudges == null");
        requireNonNull(playbooksById, "playbooksById == null");
        ReviewWindow window = ReviewWindow.of(requireNonNull(period, "period == null"),
                requireNonNull(asOf, "asOf == null"));
        Set<IssueId> excluded = tallies.stream().filter(IssueTally::excluded).map(IssueTally::issueId)
                .collect(Collectors.toSet());
        List<Nudge> weekNudges = weekNudges(window, excluded, nudges);
        Map<IssueId, List<Nudge>> nudgesByIssue = new HashMap<>();
        weekNudges.forEach(nudge -> nudgesByIssue.computeIfAbsent(nudge.issueId(), id -> new ArrayList<>()).add(nudge));
        List<IssueTally> team = new ArrayList<>(tallies.size());
        List<IssueTally> theirs = new ArrayList<>(tallies.size());
        for (IssueTally tally : tallies) {
            if (tally.excluded() || !tally.live()) {
                team.add(tally);
                theirs.add(tally);
                continue;
            }
            Issue issue = liveIssues.get(tally.issueId());
            if (issue == null) {
                throw new IllegalArgumentException("no issue given for the live tally of " + tally.issueId());
            }
            List<Nudge> issueNudges = nudgesByIssue.getOrDefault(issue.id(), List.of());
            IssueTally counted = IssueTally.of(issue, playbooksById, window, issueNudges);
            Optional<UserRef> agent = counted.agent();
            team.add(counted);
            theirs.add(agent.isEmpty() ? counted : IssueTally.of(issue, playbooksById, window, issueNudges.stream()
                    .filter(nudge -> nudge.recipient().equals(agent.get())).toList()));
        }
        return finish(new Fold(period, window, excluded, team, theirs), nudges, playbooksById);
    }

    /**
     * The part of a week's scorecard that its tallies alone decide (everything but the nudges), to be kept while the
     * tallies stand and finished with the week's nudges ({@link #finish}). Only for tallies none of which is live.
     */
    public static Fold fold(ReviewPeriod period, Instant asOf, List<IssueTally> tallies) {
        if (tallies.stream().anyMatch(tally -> tally.live() && !tally.excluded())) {
            throw new IllegalArgumentException("live tallies are folded with the week's nudges: use compileTallies");
        }
        ReviewWindow window = ReviewWindow.of(period, asOf);
        return new Fold(period, window, tallies.stream().filter(IssueTally::excluded).map(IssueTally::issueId)
                .collect(Collectors.toSet()), tallies, tallies);
    }

    /** A week's tallies summed for the team and per agent; see {@link #fold}. Immutable. */
    public static final class Fold {
        private final ReviewPeriod period;
        private final ReviewWindow window;
        private final Set<IssueId> excluded;
        private final Folded team;
        private final Map<String, UserRef> agents = new TreeMap<>();
        private final Map<String, Folded> byAgent = new TreeMap<>();

        /** {@code theirs}: the tallies as each agent's line counts them (differs from the team's for live ones). */
        private Fold(ReviewPeriod period, ReviewWindow window, Set<IssueId> excluded, List<IssueTally> team,
                     List<IssueTally> theirs) {
            this.period = period;
            this.window = window;
            this.excluded = Set.copyOf(excluded);
            List<IssueTally> counted = team.stream().filter(tally -> !tally.excluded()).toList();
            this.team = Folded.of(counted);
            Map<String, List<IssueTally>> lists = new TreeMap<>();
            for (int index = 0; index < team.size(); index++) {
                IssueTally tally = team.get(index);
                if (tally.excluded() || tally.agent().isEmpty()) {
                    continue;
                }
                UserRef agent = tally.agent().get();
                lists.computeIfAbsent(agent.key(), key -> new ArrayList<>()).add(theirs.get(index));
                if (tally.count(IssueTally.ACTIVE) > 0) {
                    agents.put(agent.key(), agent);
                }
            }
            lists.forEach((key, list) -> byAgent.put(key, Folded.of(list)));
        }
    }

    /** The scorecard of a {@link Fold} with the week's nudges. */
    public static Scorecard finish(Fold fold, List<Nudge> nudges, Map<PlaybookId, Playbook> playbooksById) {
        ReviewWindow window = fold.window;
        List<Nudge> weekNudges = weekNudges(window, fold.excluded, nudges);
        Map<String, UserRef> agents = new TreeMap<>(fold.agents);
        SectionCalculator.sentNudges(weekNudges).forEach(nudge -> agents.put(nudge.recipient().key(), nudge.recipient()));
        Map<UserRef, List<Nudge>> nudgesByRecipient = new HashMap<>();
        weekNudges.forEach(nudge -> nudgesByRecipient.computeIfAbsent(nudge.recipient(), key -> new ArrayList<>()).add(nudge));
        Scorecard.NudgeAnalytics teamNudges = new SectionCalculator(window, List.of(), weekNudges, playbooksById).nudges();
        List<AgentScore> scores = new ArrayList<>();
        Folded none = Folded.of(List.of());
        for (Map.Entry<String, UserRef> agent : agents.entrySet()) {
            Folded part = fold.byAgent.getOrDefault(agent.getKey(), none);
            Scorecard.NudgeAnalytics theirNudges = new SectionCalculator(window, List.of(),
                    nudgesByRecipient.getOrDefault(agent.getValue(), List.of()), playbooksById).nudges();
            scores.add(new AgentScore(agent.getValue(), part.sum(IssueTally.ACTIVE), part.interaction(), part.result(),
                    part.after(), part.consistency(), theirNudges));
        }
        scores.sort(Comparator.comparing(score -> score.agent().key()));
        Folded all = fold.team;
        return new Scorecard(fold.period, window.cutoff(), all.sum(IssueTally.ACTIVE), all.interaction(), all.result(),
                all.after(), all.consistency(), teamNudges, scores);
    }

    private static List<Nudge> weekNudges(ReviewWindow window, Set<IssueId> excluded, List<Nudge> nudges) {
        return nudges.stream()
                .filter(nudge -> !excluded.contains(nudge.issueId()) && window.contains(nudge.sentAt().orElse(nudge.dueAt())))
                .toList();
    }

    /** The sums of some tallies, and the scorecard sections they make. */
    private record Folded(int[] sums, int firstResponses, Optional<java.time.Duration> medianFirstResponse,
                          Map<String, int[]> steps) {
        static Folded of(List<IssueTally> tallies) {
            int[] sums = new int[IssueTally.COUNTS];
            List<java.time.Duration> firstResponses = new ArrayList<>();
            Map<String, int[]> steps = new LinkedHashMap<>();
            for (IssueTally tally : tallies) {
                for (int index = 0; index < IssueTally.COUNTS; index++) {
                    sums[index] += tally.count(index);
                }
                tally.firstResponse().ifPresent(firstResponses::add);
                for (Scorecard.StepRate step : tally.steps()) {
                    int[] counts = steps.computeIfAbsent(step.stepId(), id -> new int[2]);
                    counts[0] += step.happened().numerator();
                    counts[1] += step.happened().denominator();
                }
            }
            // The median, not the list: a kept fold stays a few hundred numbers per agent.
            return new Folded(sums, firstResponses.size(), SectionCalculator.median(firstResponses), steps);
        }

        int sum(int which) {
            return sums[which];
        }

        Scorecard.Interaction interaction() {
            return new Scorecard.Interaction(sum(IssueTally.OPENED), firstResponses, medianFirstResponse,
                    sum(IssueTally.MESSAGES), sum(IssueTally.LEFT_WAITING));
        }

        Scorecard.Result result() {
            return new Scorecard.Result(new Rate(sum(IssueTally.VERIFIED), sum(IssueTally.IN_PLAY)),
                    sum(IssueTally.ATTESTED), new Rate(sum(IssueTally.CAME_BACK), sum(IssueTally.REOPEN_BASE)),
                    sum(IssueTally.REOPENED), sum(IssueTally.BOUNCE_BACKS), sum(IssueTally.STALE));
        }

        Scorecard.After after() {
            int kept = sum(IssueTally.PROMISES_KEPT);
            int due = sum(IssueTally.PROMISES_DUE);
            return new Scorecard.After(new Rate(kept + sum(IssueTally.STEPS_DONE), due + sum(IssueTally.STEPS_DUE)),
                    new Rate(kept, due), sum(IssueTally.REGRESSIONS));
        }

        Scorecard.Consistency consistency() {
            List<Scorecard.StepRate> rates = new ArrayList<>();
            steps.forEach((id, counts) -> rates.add(new Scorecard.StepRate(id, new Rate(counts[0], counts[1]))));
            return new Scorecard.Consistency(new Rate(sum(IssueTally.CONSISTENT), sum(IssueTally.APPLICABLE)), rates);
        }
    }

    /**
     * A stable name of the playbooks' content: stored tallies were computed under one set of playbooks, and a
     * change to any step, target or working hours makes them stale.
     */
    public static String fingerprint(Map<PlaybookId, Playbook> playbooksById) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(playbooksById.entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().value(),
                entry -> entry.getValue().toString()))).forEach((id, playbook) -> text.append(id).append('\n')
                .append(playbook).append('\n'));
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    static boolean excluded(Issue issue) {
        return issue.has(IssueEventType.ROOT_DELETED) && !issue.has(IssueEventType.AGENT_REPLIED);
    }

    private static List<AgentScore> agentScores(ReviewWindow window, List<Issue> counted, List<Nudge> nudges,
                                                Map<PlaybookId, Playbook> playbooksById) {
        Map<String, UserRef> agents = new TreeMap<>();
        Map<String, List<Issue>> issuesByAgent = new TreeMap<>();
        for (Issue issue : counted) {
            Optional<UserRef> agent = agentAt(issue, window.cutoff());
            if (agent.isPresent()) {
                issuesByAgent.computeIfAbsent(agent.get().key(), key -> new ArrayList<>()).add(issue);
                if (SectionCalculator.active(issue, window)) {
                    agents.put(agent.get().key(), agent.get());
                }
            }
        }
        SectionCalculator.sentNudges(nudges).forEach(nudge -> agents.put(nudge.recipient().key(), nudge.recipient()));
        Map<UserRef, List<Nudge>> nudgesByRecipient = new HashMap<>();
        nudges.forEach(nudge -> nudgesByRecipient.computeIfAbsent(nudge.recipient(), key -> new ArrayList<>()).add(nudge));
        List<AgentScore> scores = new ArrayList<>();
        for (Map.Entry<String, UserRef> agent : agents.entrySet()) {
            List<Nudge> theirNudges = nudgesByRecipient.getOrDefault(agent.getValue(), List.of());
            SectionCalculator part = new SectionCalculator(window,
                    issuesByAgent.getOrDefault(agent.getKey(), List.of()), theirNudges, playbooksById);
            scores.add(new AgentScore(agent.getValue(), part.activeIssues(), part.interaction(), part.result(),
                    part.after(), part.consistency(), part.nudges()));
        }
        scores.sort(Comparator.comparing(score -> score.agent().key()));
        return List.copyOf(scores);
    }

    /** The agent who last replied or acted on {@code issue} before {@code cutoff}. */
    static Optional<UserRef> agentAt(Issue issue, Instant cutoff) {
        Optional<UserRef> agent = Optional.empty();
        for (var event : issue.history()) {
            if (event.at().isBefore(cutoff) && SectionCalculator.AGENT_EVENTS.contains(event.type())
                    && event.actor().isPresent() && !event.actor().get().equals(issue.customer())) {
                agent = event.actor();
            }
        }
        return agent;
    }
}
