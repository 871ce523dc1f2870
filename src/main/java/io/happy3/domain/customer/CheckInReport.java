package io.happy3.domain.customer;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The week's check-ins for {@code /review}: per agent, the customers they checked in with against the quota, and
 * what those check-ins found within {@link #FINDS_WITHIN}: a regression caught (the customer's issue reopened or
 * bounced back), a thank-you, or a new issue. Pure.
 */
public record CheckInReport(int quota, List<AgentLine> agents) {
    /** How long after a check-in what the customer says still counts as its finding. */
    public static final Duration FINDS_WITHIN = Duration.ofDays(7);

    /** What one check-in led to, on which issue. */
    public record Finding(CheckIn checkIn, Kind kind, Issue issue, Instant at) {
        /** The kinds, most telling first. */
        public enum Kind {
            REGRESSION_CAUGHT("a regression caught"), THANK_YOU("a thank-you"), NEW_ISSUE("a new issue");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            public String label() {
                return label;
            }
        }

        public Finding {
            requireNonNull(checkIn, "checkIn == null");
            requireNonNull(kind, "kind == null");
            requireNonNull(issue, "issue == null");
            requireNonNull(at, "at == null");
        }
    }

    /** One agent: how many customers they checked in with, and the findings. */
    public record AgentLine(UserRef agent, int done, List<Finding> findings) {
        public AgentLine {
            requireNonNull(agent, "agent == null");
            findings = List.copyOf(findings);
        }
    }

    public CheckInReport {
        agents = List.copyOf(agents);
    }

    /** The report over {@code checkIns} (of the week) and {@code issues} (the week and the days after it). */
    public static CheckInReport of(int quota, List<CheckIn> checkIns, List<Issue> issues) {
        Map<UserRef, Set<UserRef>> customers = new LinkedHashMap<>();
        Map<UserRef, List<Finding>> findings = new LinkedHashMap<>();
        checkIns.stream().filter(checkIn -> checkIn.kind() == CheckIn.Kind.CHECKED_IN)
                .sorted(Comparator.comparing(CheckIn::at)).forEach(checkIn -> {
                    if (customers.computeIfAbsent(checkIn.agent(), key -> new LinkedHashSet<>())
                            .add(checkIn.customer())) {
                        found(checkIn, issues).ifPresent(finding -> findings.computeIfAbsent(checkIn.agent(),
                                key -> new ArrayList<>()).add(finding));
                    }
                });
        List<AgentLine> lines = new ArrayList<>();
        customers.forEach((agent, them) -> lines.add(new AgentLine(agent, them.size(),
                findings.getOrDefault(agent, List.of()))));
        return new CheckInReport(quota, lines);
    }

    /** The most telling thing the customer did after the check-in, within {@link #FINDS_WITHIN}. */
    private static Optional<Finding> found(CheckIn checkIn, List<Issue> issues) {
        Instant until = checkIn.at().plus(FINDS_WITHIN);
        List<Finding> found = new ArrayList<>();
        for (Issue issue : issues) {
            if (!issue.customer().equals(checkIn.customer())) {
                continue;
            }
            if (issue.openedAt().isAfter(checkIn.at()) && !issue.openedAt().isAfter(until)) {
                found.add(new Finding(checkIn, Finding.Kind.NEW_ISSUE, issue, issue.openedAt()));
            }
            issue.history().stream().filter(event -> event.at().isAfter(checkIn.at()) && !event.at().isAfter(until))
                    .forEach(event -> kind(event.type()).ifPresent(kind -> found.add(new Finding(checkIn, kind, issue,
                            event.at()))));
        }
        return found.stream().min(Comparator.comparing(Finding::kind).thenComparing(Finding::at));
    }

    private static Optional<Finding.Kind> kind(IssueEventType type) {
        return switch (type) {
            case REOPENED, BOUNCE_BACK -> Optional.of(Finding.Kind.REGRESSION_CAUGHT);
            case GRATITUDE -> Optional.of(Finding.Kind.THANK_YOU);
            default -> Optional.empty();
        };
    }

    /** Every finding, oldest first (the proud-moment nominations). */
    public List<Finding> findings() {
        return agents.stream().flatMap(line -> line.findings().stream()).sorted(Comparator.comparing(Finding::at))
                .toList();
    }
}
