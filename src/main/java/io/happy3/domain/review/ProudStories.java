package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells proud moments as stories: the nominations of one issue merged into one entry whose sentence names the
 * customer as the platform shows them, what they confirmed and what happened after ("Priya (Northwind) confirmed
 * the fix (the nightly export by 8:00) and thanked Anna; 3 days later it still worked"), followed by the people's own
 * words ({@code /proud} text as written). Bot nominations of an issue it cannot find keep their summary. Pure.
 */
public final class ProudStories {
    private static final Set<ProudMoment.Source> PEOPLE = EnumSet.of(ProudMoment.Source.PROUD_COMMAND,
            ProudMoment.Source.STAR_REACTION, ProudMoment.Source.WEEKLY_PROMPT);

    /** What a story needs to know beyond the nominations: names, the issue, its desired result. */
    public interface Lookup {
        String name(UserRef person);

        Optional<Issue> issue(IssueId id);

        /** The desired result recorded for the issue ("the nightly export in finance by 8:00"), if any. */
        Optional<String> desiredResult(IssueId id);
    }

    private final Lookup lookup;

    public ProudStories(Lookup lookup) {
        this.lookup = requireNonNull(lookup, "lookup == null");
    }

    /** One story per issue (and one per nomination without an issue), in the order of their first nomination. */
    public List<ProudStory> tell(List<ProudMoment> moments) {
        Map<String, List<ProudMoment>> groups = new LinkedHashMap<>();
        moments.stream().sorted(Comparator.comparing(ProudMoment::at)).forEach(moment -> groups.computeIfAbsent(
                moment.issueId().map(id -> "issue:" + id.value()).orElse("moment:" + moment.id()),
                key -> new ArrayList<>()).add(moment));
        return groups.values().stream().map(this::story).toList();
    }

    private ProudStory story(List<ProudMoment> group) {
        ProudMoment first = group.get(0);
        Optional<Issue> issue = first.issueId().flatMap(lookup::issue);
        Optional<UserRef> who = group.stream().flatMap(moment -> moment.about().stream()).findFirst()
                .or(() -> issue.flatMap(Issue::agent)).or(first::nominatedBy);
        List<String> parts = new ArrayList<>();
        Set<ProudMoment.Source> bot = EnumSet.noneOf(ProudMoment.Source.class);
        group.stream().map(ProudMoment::source).filter(source -> !PEOPLE.contains(source)
                && source != ProudMoment.Source.CHECK_IN).forEach(bot::add);
        if (!bot.isEmpty()) {
            parts.add(issue.map(found -> outcome(found, bot, who)).orElseGet(() -> summaries(group)));
        }
        for (ProudMoment moment : group) {
            words(moment, who).ifPresent(parts::add);
        }
        Optional<String> link = group.stream().flatMap(moment -> moment.link().stream()).findFirst();
        return new ProudStory(first.issueId(), who, String.join(" ", parts).strip(), link, group);
    }

    private static String summaries(List<ProudMoment> group) {
        return String.join(" ", group.stream().filter(moment -> !PEOPLE.contains(moment.source())
                        && moment.source() != ProudMoment.Source.CHECK_IN)
                .map(moment -> moment.text().strip()).distinct().toList());
    }

    /** A person's nomination: their words as written, and who nominated it when that is someone else. */
    private Optional<String> words(ProudMoment moment, Optional<UserRef> who) {
        Optional<String> by = moment.nominatedBy().filter(nominator -> who.filter(nominator::equals).isEmpty())
                .map(lookup::name);
        return switch (moment.source()) {
            case PROUD_COMMAND, WEEKLY_PROMPT -> Optional.of("“" + moment.text().strip() + "”"
                    + by.map(name -> " — " + name).orElse(""));
            case STAR_REACTION -> Optional.of("⭐ from " + by.orElse("a teammate") + ".");
            case CHECK_IN -> Optional.of(moment.text().strip());
            default -> Optional.empty();
        };
    }

    /** The issue's outcome in one sentence, in the order it happened, from what the bot nominated and its history. */
    private String outcome(Issue issue, Set<ProudMoment.Source> sources, Optional<UserRef> who) {
        String customer = lookup.name(issue.customer());
        String agent = who.map(lookup::name).orElse("the team");
        List<IssueEvent> confirmations = issue.events(IssueEventType.CUSTOMER_CONFIRMED).stream()
                .filter(event -> event.evidence().filter(evidence -> evidence.verified()).isPresent()).toList();
        List<String> clauses = new ArrayList<>();
        boolean regression = sources.contains(ProudMoment.Source.REGRESSION_CAUGHT);
        if (regression) {
            String when = confirmations.stream().findFirst().flatMap(first -> followUpAfter(issue, first))
                    .map(ProudStories::span).filter(span -> !span.isEmpty()).map(span -> " " + span + " after the fix")
                    .orElse("");
            clauses.add("the follow-up" + when + " caught a regression");
        }
        boolean thanked = sources.contains(ProudMoment.Source.CUSTOMER_GRATITUDE);
        // After a regression only a confirmation of the new fix is news; the one the regression undid is not.
        Optional<IssueEvent> confirmed = confirmations.isEmpty() ? Optional.empty()
                : Optional.of(confirmations.get(confirmations.size() - 1))
                .filter(last -> !regression || !issue.happenedAfter(IssueEventType.REOPENED, last.at()));
        if (confirmed.isPresent()) {
            String what = lookup.desiredResult(issue.id()).map(result -> " (" + result + ")").orElse("");
            String took = sources.contains(ProudMoment.Source.LONG_ISSUE_CONFIRMED)
                    ? span(Duration.between(issue.openedAt(), confirmed.get().at())) : "";
            clauses.add(customer + " confirmed the " + (regression ? "new " : "") + "fix" + what
                    + (took.isEmpty() ? "" : " after " + took) + (thanked ? " and thanked " + agent : ""));
            stillWorked(issue, confirmed.get()).ifPresent(clauses::add);
        } else if (thanked) {
            clauses.add(customer + " thanked " + agent + " for the help");
        }
        if (sources.contains(ProudMoment.Source.PROMISE_KEPT)) {
            clauses.add("a promise kept on time");
        }
        String sentence = String.join("; ", clauses) + ".";
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** How long after {@code confirmed} the first follow-up came, if one did. */
    private static Optional<Duration> followUpAfter(Issue issue, IssueEvent confirmed) {
        return issue.events(IssueEventType.FOLLOWED_UP).stream().filter(event -> !event.at().isBefore(confirmed.at()))
                .findFirst().map(event -> Duration.between(confirmed.at(), event.at()));
    }

    /** "3 days later it still worked": a follow-up after the last confirmation, and no reopening since. */
    private static Optional<String> stillWorked(Issue issue, IssueEvent confirmed) {
        Optional<Duration> after = followUpAfter(issue, confirmed);
        if (after.isEmpty() || issue.happenedAfter(IssueEventType.REOPENED, confirmed.at())) {
            return Optional.empty();
        }
        String span = span(after.get());
        return Optional.of(span.isEmpty() ? "at the follow-up it still worked" : span + " later it still worked");
    }

    /** "3 days", "5 hours", or empty for less than an hour. */
    private static String span(Duration gap) {
        long days = gap.toDays();
        long hours = gap.toHours();
        return days > 0 ? days + (days == 1 ? " day" : " days") : hours > 0 ? hours + (hours == 1 ? " hour" : " hours")
                : "";
    }
}
