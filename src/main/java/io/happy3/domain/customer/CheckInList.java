package io.happy3.domain.customer;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.playbook.CheckInRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent's proactive check-in list for the week starting {@code now}, built from a playbook's
 * {@code check_ins:} rules over the issues they handled: fixes confirmed 2 or 4 weeks ago ("is it still
 * working?"), customers whose issue bounced back, customers gone quiet. One entry per customer, its reasons
 * merged, at most the weekly quota. Pure.
 */
public final class CheckInList {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration QUIET_WINDOW = Duration.ofDays(28);

    /** A customer to check in with, and why. */
    public record Entry(UserRef customer, List<String> reasons) {
        public Entry {
            reasons = List.copyOf(reasons);
        }
    }

    private CheckInList() {
    }

    public static List<Entry> build(CheckInRules rules, List<Issue> issues, UserRef agent, Instant now) {
        List<Issue> theirs = issues.stream().filter(issue -> issue.agent().filter(agent::equals).isPresent()).toList();
        Map<UserRef, Instant> latest = new LinkedHashMap<>();
        issues.forEach(issue -> latest.merge(issue.customer(), issue.lastActivityAt(),
                (a, b) -> a.isAfter(b) ? a : b));
        return build(rules, theirs, latest, now);
    }

    /**
     * {@link #build} from the agent's own issues ({@code theirs}) and each of their customers' latest activity in
     * any issue ({@code latest}), which a store answers without reading every issue of the workspace.
     */
    public static List<Entry> build(CheckInRules rules, List<Issue> theirsInAnyOrder, Map<UserRef, Instant> latest,
                                    Instant now) {
        Map<UserRef, List<String>> reasons = new LinkedHashMap<>();
        List<Issue> theirs = theirsInAnyOrder.stream().sorted(Comparator.comparing(Issue::lastActivityAt)).toList();
        for (Issue issue : theirs) {
            confirmedReason(rules, issue, now).ifPresent(reason -> add(reasons, issue.customer(), reason));
            if (rules.afterBounceBack() && issue.last(IssueEventType.BOUNCE_BACK)
                    .filter(event -> event.at().isAfter(now.minus(WEEK.multipliedBy(2)))).isPresent()) {
                add(reasons, issue.customer(), "their issue bounced back: make sure this time it holds");
            }
        }
        rules.quietAfter().ifPresent(quiet -> quietCustomers(theirs, latest, quiet, now)
                .forEach(customer -> add(reasons, customer, "no conversation for " + quiet.toDays() + " days")));
        List<Entry> entries = new ArrayList<>();
        reasons.forEach((customer, why) -> entries.add(new Entry(customer, why)));
        return entries.stream().limit(rules.perAgentPerWeek()).toList();
    }

    private static Optional<String> confirmedReason(CheckInRules rules, Issue issue, Instant now) {
        Optional<IssueEvent> confirmed = issue.last(IssueEventType.CUSTOMER_CONFIRMED);
        if (confirmed.isEmpty() || !issue.state().name().matches("CONFIRMED|FOLLOWED_UP")) {
            return Optional.empty();
        }
        for (Duration after : rules.afterConfirmed()) {
            Instant due = confirmed.get().at().plus(after);
            if (!due.isAfter(now.plus(WEEK)) && due.isAfter(now.minus(WEEK))) {
                return Optional.of("confirmed the fix " + after.toDays() + " days ago: is it still working?");
            }
        }
        return Optional.empty();
    }

    /** Customers of {@code theirs} whose latest conversation (in any issue) went quiet {@code quiet} ago. */
    private static List<UserRef> quietCustomers(List<Issue> theirs, Map<UserRef, Instant> latest, Duration quiet,
                                                Instant now) {
        Map<UserRef, Instant> known = new LinkedHashMap<>(latest);
        theirs.forEach(issue -> known.merge(issue.customer(), issue.lastActivityAt(), (a, b) -> a.isAfter(b) ? a : b));
        Instant quietSince = now.minus(quiet);
        return theirs.stream().map(Issue::customer).distinct().filter(customer -> {
            Instant last = known.get(customer);
            return !last.isAfter(quietSince) && last.isAfter(quietSince.minus(QUIET_WINDOW));
        }).toList();
    }

    private static void add(Map<UserRef, List<String>> reasons, UserRef customer, String reason) {
        reasons.computeIfAbsent(customer, key -> new ArrayList<>()).add(reason);
    }
}
