package io.happy3.domain.review;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.Transition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bot's own nominations for proud moments, read off an issue's new history: a customer's
 * explicit thanks, a long issue confirmed, a follow-up that caught a regression, a promise kept.
 * Ids are derived from the issue and event, so a replayed event never nominates twice.
 */
public final class ProudNominator {
    /** An issue open at least this long before the customer confirmed it counts as a long one. */
    public static final Duration LONG_ISSUE = Duration.ofDays(2);

    private ProudNominator() {
    }

    public static List<ProudMoment> nominate(Transition transition, Optional<String> link) {
        Issue issue = transition.issue();
        List<ProudMoment> moments = new ArrayList<>();
        for (IssueEvent event : transition.events()) {
            switch (event.type()) {
                case GRATITUDE -> moments.add(gratitude(issue, event, link));
                case CUSTOMER_CONFIRMED -> {
                    if (event.evidence().filter(evidence -> evidence.verified()).isPresent()
                            && Duration.between(issue.openedAt(), event.at()).compareTo(LONG_ISSUE) >= 0) {
                        moments.add(moment(issue, event, ProudMoment.Source.LONG_ISSUE_CONFIRMED,
                                "A long issue (" + Duration.between(issue.openedAt(), event.at()).toDays()
                                        + " days) ended with the customer confirming the fix.", link));
                    }
                }
                case REOPENED -> {
                    if (issue.last(IssueEventType.FOLLOWED_UP).filter(f -> f.at().isBefore(event.at())).isPresent()) {
                        moments.add(moment(issue, event, ProudMoment.Source.REGRESSION_CAUGHT,
                                "A follow-up caught a regression before it grew.", link));
                    }
                }
                case AGENT_REPLIED -> promiseKept(issue, event).ifPresent(promise -> moments.add(moment(issue, event,
                        ProudMoment.Source.PROMISE_KEPT, "A promise to the customer was kept on time.", link)));
                default -> {
                }
            }
        }
        return moments;
    }

    /** The promise this agent reply keeps: the last one made before it, due at or after it, not kept yet. */
    private static Optional<IssueEvent> promiseKept(Issue issue, IssueEvent reply) {
        Optional<IssueEvent> promise = issue.history().stream()
                .filter(event -> event.type() == IssueEventType.PROMISE_MADE && event.at().isBefore(reply.at()))
                .reduce((first, second) -> second);
        if (promise.isEmpty() || promise.get().due().filter(due -> !reply.at().isAfter(due)).isEmpty()) {
            return Optional.empty();
        }
        boolean keptBefore = issue.history().stream().anyMatch(event -> event.type() == IssueEventType.AGENT_REPLIED
                && event.at().isAfter(promise.get().at()) && event.at().isBefore(reply.at()));
        return keptBefore ? Optional.empty() : promise;
    }

    /** One nomination per issue, however often the customer thanks: its id does not depend on the event. */
    private static ProudMoment gratitude(Issue issue, IssueEvent event, Optional<String> link) {
        String text = issue.has(IssueEventType.CUSTOMER_CONFIRMED)
                ? "The customer thanked the team after confirming the fix."
                : "The customer thanked the team for the help.";
        ProudMoment moment = moment(issue, event, ProudMoment.Source.CUSTOMER_GRATITUDE, text, link);
        return new ProudMoment("bot:customer_gratitude:" + issue.id().value(), moment.tenant(), moment.channel(),
                moment.issueId(), moment.about(), moment.nominatedBy(), moment.source(), moment.text(), moment.link(),
                moment.at(), moment.decision(), moment.note());
    }

    private static ProudMoment moment(Issue issue, IssueEvent event, ProudMoment.Source source, String text,
                                      Optional<String> link) {
        Optional<UserRef> about = issue.agent();
        String id = "bot:" + source.name().toLowerCase(java.util.Locale.ROOT) + ":" + issue.id().value() + ":"
                + event.at().toEpochMilli();
        return new ProudMoment(id, issue.channel().tenant(), Optional.of(issue.channel()), Optional.of(issue.id()),
                about, Optional.empty(), source, text, link, event.at(), ProudMoment.Decision.NOMINATED,
                Optional.empty());
    }
}
