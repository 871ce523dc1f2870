package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code /review export} file: one CSV row per issue active in the week, with its checkpoints as
 * they stood at the week's end (times ISO-8601 UTC). RFC 4180: CRLF line ends, fields with commas,
 * quotes or line breaks quoted, quotes doubled.
 */
public final class CsvExport {
    public static final List<String> COLUMNS = List.of("issue_id", "platform", "channel", "customer", "agent",
            "opened_at", "first_response_minutes", "resolution_proposed_at", "confirmed_at", "evidence", "reopened",
            "bounce_back", "followed_up_at", "closed_stale_at", "state", "link");

    private CsvExport() {
    }

    /** The CSV of {@code period}'s issues (same scope as the scorecard), oldest first, without links. */
    public static String write(ReviewPeriod period, List<Issue> issues) {
        return write(period, issues, issue -> "");
    }

    /** As {@link #write(ReviewPeriod, List)}, with each issue's thread link from {@code links}. */
    public static String write(ReviewPeriod period, List<Issue> issues, Function<Issue, String> links) {
        requireNonNull(period, "period == null");
        requireNonNull(issues, "issues == null");
        requireNonNull(links, "links == null");
        ReviewWindow window = ReviewWindow.of(period, period.end());
        StringBuilder csv = new StringBuilder();
        row(csv, COLUMNS);
        issues.stream()
                .filter(issue -> !ReviewCompiler.excluded(issue) && SectionCalculator.active(issue, window))
                .sorted(Comparator.comparing(Issue::openedAt).thenComparing(issue -> issue.id().value()))
                .forEach(issue -> row(csv, fields(issue, window, links)));
        return csv.toString();
    }

    private static List<String> fields(Issue issue, ReviewWindow window, Function<Issue, String> links) {
        List<IssueEvent> known = issue.history().stream().filter(event -> window.known(event.at())).toList();
        Optional<IssueEvent> firstReply = first(known, IssueEventType.AGENT_REPLIED);
        Optional<IssueEvent> confirmed = last(known, IssueEventType.CUSTOMER_CONFIRMED);
        List<String> fields = new ArrayList<>();
        fields.add(issue.id().value());
        fields.add(issue.channel().platform().name().toLowerCase(Locale.ROOT));
        fields.add(issue.channel().channel());
        fields.add(issue.customer().user());
        fields.add(ReviewCompiler.agentAt(issue, window.cutoff()).map(agent -> agent.user()).orElse(""));
        fields.add(issue.openedAt().toString());
        fields.add(firstReply.map(reply -> minutes(Duration.between(issue.openedAt(), reply.at()))).orElse(""));
        fields.add(time(first(known, IssueEventType.RESOLUTION_PROPOSED)));
        fields.add(time(confirmed));
        fields.add(confirmed.flatMap(IssueEvent::evidence).map(e -> e.name().toLowerCase(Locale.ROOT)).orElse(""));
        fields.add(Long.toString(known.stream().filter(event -> event.type() == IssueEventType.REOPENED).count()));
        fields.add(Boolean.toString(known.stream().anyMatch(event -> event.type() == IssueEventType.BOUNCE_BACK)));
        fields.add(time(last(known, IssueEventType.FOLLOWED_UP)));
        fields.add(time(last(known, IssueEventType.CLOSED_STALE)));
        fields.add(issue.stateBefore(window.cutoff()).name().toLowerCase(Locale.ROOT));
        fields.add(requireNonNull(links.apply(issue), "link == null"));
        return fields;
    }

    private static Optional<IssueEvent> first(List<IssueEvent> events, IssueEventType type) {
        return events.stream().filter(event -> event.type() == type).findFirst();
    }

    private static Optional<IssueEvent> last(List<IssueEvent> events, IssueEventType type) {
        return events.stream().filter(event -> event.type() == type).reduce((first, second) -> second);
    }

    private static String time(Optional<IssueEvent> event) {
        return event.map(IssueEvent::at).map(Instant::toString).orElse("");
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 60_000.0);
    }

    private static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quote(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /** A field as RFC 4180 wants it: quoted (with quotes doubled) when it holds a comma, quote or line break. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
