package io.happy3.domain.customer;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The review's desired-result numbers for a set of issues: how many have a recorded result, and how many the
 * customer confirmed after it was recorded ("confirmed against it"), for the team and per issue agent. Pure.
 */
public record DesiredResultCounts(Count team, Map<UserRef, Count> agents) {
    /** {@code issues} issues, {@code known} with a recorded result, {@code confirmed} confirmed against it. */
    public record Count(int issues, int known, int confirmed) {
        Count add(boolean hasResult, boolean confirmedAgainst) {
            return new Count(issues + 1, known + (hasResult ? 1 : 0), confirmed + (confirmedAgainst ? 1 : 0));
        }
    }

    private static final Count NONE = new Count(0, 0, 0);

    public static DesiredResultCounts of(Collection<Issue> issues,
                                         Function<IssueId, Optional<DesiredResult>> results) {
        Count team = NONE;
        Map<UserRef, Count> agents = new LinkedHashMap<>();
        for (Issue issue : issues) {
            Optional<DesiredResult> result = results.apply(issue.id()).filter(DesiredResult::recorded);
            boolean confirmed = result.isPresent() && issue.last(IssueEventType.CUSTOMER_CONFIRMED)
                    .filter(event -> !event.at().isBefore(result.get().at())).isPresent();
            team = team.add(result.isPresent(), confirmed);
            issue.agent().ifPresent(agent -> agents.merge(agent, NONE.add(result.isPresent(), confirmed),
                    (a, b) -> new Count(a.issues() + b.issues(), a.known() + b.known(), a.confirmed() + b.confirmed())));
        }
        return new DesiredResultCounts(team, Map.copyOf(agents));
    }

    /**
     * The same counts from how many issues each agent has ({@code issuesByAgent}; the empty key: no agent yet) and
     * the issues among them that have a desired result, with their histories ({@code withResults}).
     */
    public static DesiredResultCounts of(Map<Optional<UserRef>, Integer> issuesByAgent, Collection<Issue> withResults,
                                         Function<IssueId, Optional<DesiredResult>> results) {
        Map<Optional<UserRef>, Count> byAgent = new LinkedHashMap<>();
        issuesByAgent.forEach((agent, count) -> byAgent.put(agent, new Count(count, 0, 0)));
        for (Issue issue : withResults) {
            Optional<DesiredResult> result = results.apply(issue.id()).filter(DesiredResult::recorded);
            if (result.isEmpty()) {
                continue;
            }
            boolean confirmed = issue.last(IssueEventType.CUSTOMER_CONFIRMED)
                    .filter(event -> !event.at().isBefore(result.get().at())).isPresent();
            byAgent.computeIfPresent(issue.agent(), (agent, count) -> new Count(count.issues(), count.known() + 1,
                    count.confirmed() + (confirmed ? 1 : 0)));
        }
        Count team = NONE;
        Map<UserRef, Count> agents = new LinkedHashMap<>();
        for (Map.Entry<Optional<UserRef>, Count> entry : byAgent.entrySet()) {
            Count count = entry.getValue();
            team = new Count(team.issues() + count.issues(), team.known() + count.known(),
                    team.confirmed() + count.confirmed());
            entry.getKey().ifPresent(agent -> agents.put(agent, count));
        }
        return new DesiredResultCounts(team, Map.copyOf(agents));
    }

    /** One line: "Desired result known for 3 of 5 issues; 2 confirmed against it." */
    public static String line(Count count) {
        return "Desired result known for " + count.known() + " of " + count.issues() + " issues; "
                + count.confirmed() + " confirmed against it.";
    }
}
