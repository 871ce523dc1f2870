package io.happy3.domain.issue;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves issues through the lifecycle of DESIGN.md. Pure and stateless: every method takes the issue
 * as it is and returns what changed, or empty when nothing did. Thread-safe.
 */
public final class IssueTracker {
    /** A customer back in the same channel this soon after a confirmation counts as a bounce-back. */
    public static final Duration BOUNCE_BACK_WINDOW = Duration.ofDays(14);
    /** An agent writing in a confirmed thread at least this long after the confirmation is checking back. */
    public static final Duration FOLLOW_UP_MIN_GAP = Duration.ofHours(20);
    /** The rule of a fix claim recorded because the customer confirmed without one. */
    public static final String IMPLIED_BY_CONFIRMATION = "implied-by-confirmation";

    /**
     * Applies a message. {@code existing} is the issue the message belongs to, if tracked;
     * {@code earlierOfCustomer} are the customer's earlier issues in the channel (for bounce-backs).
     */
    public Optional<Transition> onMessage(Optional<Issue> existing, MessageFacts facts, PlaybookId playbookId,
                                          List<Issue> earlierOfCustomer) {
        requireNonNull(existing, "existing == null");
        requireNonNull(facts, "facts == null");
        if (existing.isEmpty()) {
            return open(facts, playbookId, earlierOfCustomer);
        }
        Issue issue = existing.get();
        List<IssueEvent> events = new ArrayList<>();
        Set<Signal> fresh = freshSignals(issue, facts);
        Issue next = facts.role() == Role.CUSTOMER
                ? customerMessage(issue, facts, fresh, events)
                : agentMessage(issue, facts, fresh, events);
        return events.isEmpty() ? Optional.empty() : Optional.of(new Transition(next, events));
    }

    private Optional<Transition> open(MessageFacts facts, PlaybookId playbookId, List<Issue> earlierOfCustomer) {
        if (facts.threadRootId().isPresent() || facts.role() != Role.CUSTOMER || facts.edited()) {
            return Optional.empty();
        }
        List<IssueEvent> events = new ArrayList<>();
        IssueEvent opened = IssueEvent.of(IssueEventType.ISSUE_OPENED, facts.at(), facts.author(),
                facts.message().id(), "customer-top-level-message");
        Issue issue = Issue.open(facts.message(), facts.author(), playbookId, facts.at())
                .record(opened, IssueState.OPEN);
        events.add(opened);
        Optional<Issue> bounced = earlierOfCustomer.stream()
                .filter(earlier -> !earlier.id().equals(issue.id()))
                .filter(earlier -> earlier.last(IssueEventType.CUSTOMER_CONFIRMED)
                        .filter(confirmed -> !confirmed.at().isBefore(facts.at().minus(BOUNCE_BACK_WINDOW)))
                        .isPresent())
                .reduce((first, second) -> second);
        Issue next = issue;
        if (bounced.isPresent()) {
            IssueEvent bounce = IssueEvent.of(IssueEventType.BOUNCE_BACK, facts.at(), facts.author(),
                    facts.message().id(), "same-customer-within-14d:" + bounced.get().id());
            next = next.record(bounce, IssueState.OPEN);
            events.add(bounce);
        }
        for (DetectedSignal signal : facts.signals()) {
            if (signal.signal() == Signal.GRATITUDE) {
                IssueEvent thanks = IssueEvent.of(IssueEventType.GRATITUDE, facts.at(), facts.author(),
                        facts.message().id(), signal.rule());
                next = next.record(thanks, IssueState.OPEN);
                events.add(thanks);
            }
        }
        return Optional.of(new Transition(next, events));
    }

    private Issue customerMessage(Issue issue, MessageFacts facts, Set<Signal> fresh, List<IssueEvent> events) {
        Issue next = issue;
        if (!facts.edited()) {
            IssueState state = issue.state() == IssueState.STALE ? revivedState(issue) : issue.state();
            next = append(next, events, IssueEvent.of(IssueEventType.CUSTOMER_REPLIED, facts.at(), facts.author(),
                    facts.message().id(), "customer-reply"), state);
        }
        if (fresh.contains(Signal.STILL_BROKEN) && reopenable(next.state())) {
            next = append(next, events, IssueEvent.of(IssueEventType.REOPENED, facts.at(), facts.author(),
                    facts.message().id(), rule(facts, Signal.STILL_BROKEN)), IssueState.REOPENED);
        } else if (fresh.contains(Signal.CUSTOMER_CONFIRMED) && confirmable(next.state())) {
            next = confirm(next, events, facts.at(), facts.author(), facts.message().id(),
                    rule(facts, Signal.CUSTOMER_CONFIRMED), Evidence.CUSTOMER_WORDS);
        }
        if (fresh.contains(Signal.GRATITUDE)) {
            next = append(next, events, IssueEvent.of(IssueEventType.GRATITUDE, facts.at(), facts.author(),
                    facts.message().id(), rule(facts, Signal.GRATITUDE)), next.state());
        }
        return next;
    }

    private Issue agentMessage(Issue issue, MessageFacts facts, Set<Signal> fresh, List<IssueEvent> events) {
        Issue next = issue;
        if (!facts.edited()) {
            IssueState state = switch (issue.state()) {
                case OPEN, STALE -> IssueState.ENGAGED;
                default -> issue.state();
            };
            next = append(next, events, IssueEvent.of(IssueEventType.AGENT_REPLIED, facts.at(), facts.author(),
                    facts.message().id(), "agent-reply"), state);
            Optional<IssueEvent> confirmed = issue.last(IssueEventType.CUSTOMER_CONFIRMED);
            if (issue.state() == IssueState.CONFIRMED && confirmed.isPresent()
                    && !facts.at().isBefore(confirmed.get().at().plus(FOLLOW_UP_MIN_GAP))) {
                next = append(next, events, IssueEvent.of(IssueEventType.FOLLOWED_UP, facts.at(), facts.author(),
                        facts.message().id(), "agent-checked-back-in-thread"), IssueState.FOLLOWED_UP);
            }
        }
        if (fresh.contains(Signal.RESOLUTION_PROPOSED) && proposable(next.state())) {
            next = append(next, events, IssueEvent.of(IssueEventType.RESOLUTION_PROPOSED, facts.at(), facts.author(),
                    facts.message().id(), rule(facts, Signal.RESOLUTION_PROPOSED)), IssueState.RESOLUTION_PROPOSED);
        }
        for (DetectedSignal signal : facts.signals()) {
            if (signal.signal() == Signal.PROMISE_MADE && fresh.contains(Signal.PROMISE_MADE)) {
                Instant due = signal.due().orElse(facts.at().plus(Duration.ofDays(1)));
                next = append(next, events, IssueEvent.promise(facts.at(), facts.author(), facts.message().id(),
                        signal.rule(), due), next.state());
                break;
            }
        }
        return next;
    }

    /** Applies a reaction; only a customer's ✅ changes an issue (⭐ nominations are not issue history). */
    public Optional<Transition> onReaction(Issue issue, UserRef user, Role role, Reaction reaction, String messageId,
                                           Instant at) {
        if (reaction != Reaction.CONFIRM || role != Role.CUSTOMER || !confirmable(issue.state())) {
            return Optional.empty();
        }
        List<IssueEvent> events = new ArrayList<>();
        Issue next = confirm(issue, events, at, user, messageId, "reaction:white_check_mark",
                Evidence.CUSTOMER_REACTION);
        return Optional.of(new Transition(next, events));
    }

    /** Applies an agent's one-click answer on a nudge. */
    public Optional<Transition> onAgentAnswer(Issue issue, UserRef agent, AgentAnswer answer, Instant at) {
        List<IssueEvent> events = new ArrayList<>();
        Issue next = switch (answer) {
            case CUSTOMER_CONFIRMED -> confirmable(issue.state())
                    ? confirm(issue, events, at, agent, null, "action:customer_confirmed", Evidence.AGENT_ATTESTED)
                    : issue;
            case ASKED_NOW -> append(issue, events, IssueEvent.of(IssueEventType.CONFIRMATION_ASKED, at, agent, null,
                    "action:asked_now"), issue.state());
            case NOT_RESOLVED -> switch (issue.state()) {
                case RESOLUTION_PROPOSED -> append(issue, events, IssueEvent.of(IssueEventType.RESOLUTION_WITHDRAWN,
                        at, agent, null, "action:not_resolved"), IssueState.ENGAGED);
                case CONFIRMED, FOLLOWED_UP -> append(issue, events, IssueEvent.of(IssueEventType.REOPENED, at,
                        agent, null, "action:not_resolved"), IssueState.REOPENED);
                default -> issue;
            };
            case FOLLOWED_UP -> issue.state() == IssueState.CONFIRMED
                    ? append(issue, events, IssueEvent.of(IssueEventType.FOLLOWED_UP, at, agent, null,
                            "action:followed_up"), IssueState.FOLLOWED_UP)
                    : issue;
        };
        return events.isEmpty() ? Optional.empty() : Optional.of(new Transition(next, events));
    }

    /** Closes an issue unverified when it has been quiet for {@code staleAfter}. */
    public Optional<Transition> onQuietCheck(Issue issue, Instant now, Duration staleAfter) {
        if (!issue.state().active() || issue.lastActivityAt().plus(staleAfter).isAfter(now)) {
            return Optional.empty();
        }
        IssueEvent stale = IssueEvent.of(IssueEventType.CLOSED_STALE, now, null, null,
                "no-activity-for:" + staleAfter);
        return Optional.of(new Transition(issue.record(stale, IssueState.STALE), List.of(stale)));
    }

    /** Records the deletion of the issue's first message; an issue no agent answered yet closes with it. */
    public Optional<Transition> onRootDeleted(Issue issue, Instant at) {
        if (issue.has(IssueEventType.ROOT_DELETED)) {
            return Optional.empty();
        }
        IssueState state = issue.has(IssueEventType.AGENT_REPLIED) ? issue.state() : IssueState.STALE;
        IssueEvent deleted = IssueEvent.of(IssueEventType.ROOT_DELETED, at, issue.customer(), issue.root().id(),
                "root-message-deleted");
        return Optional.of(new Transition(issue.record(deleted, state), List.of(deleted)));
    }

    private static Issue confirm(Issue issue, List<IssueEvent> events, Instant at, UserRef actor, String messageId,
                                 String rule, Evidence evidence) {
        Issue next = issue;
        if (issue.state() != IssueState.RESOLUTION_PROPOSED) {
            // A confirmation without an explicit fix claim still answers a resolution: count both, so the
            // verified-resolution rate never exceeds 100 %.
            next = append(next, events, IssueEvent.of(IssueEventType.RESOLUTION_PROPOSED, at, null, messageId,
                    IMPLIED_BY_CONFIRMATION), IssueState.RESOLUTION_PROPOSED);
        }
        return append(next, events, IssueEvent.confirmed(at, actor, messageId, rule, evidence), IssueState.CONFIRMED);
    }

    private static Issue append(Issue issue, List<IssueEvent> events, IssueEvent event, IssueState state) {
        events.add(event);
        return issue.record(event, state);
    }

    private static Set<Signal> freshSignals(Issue issue, MessageFacts facts) {
        Set<Signal> found = facts.signals().stream().map(DetectedSignal::signal).collect(Collectors.toSet());
        if (facts.edited()) {
            // An edit only adds what the message did not already say.
            for (IssueEvent event : issue.history()) {
                if (event.messageId().filter(facts.message().id()::equals).isPresent()) {
                    found.remove(signalOf(event.type()));
                }
            }
        }
        return found;
    }

    private static Signal signalOf(IssueEventType type) {
        return switch (type) {
            case RESOLUTION_PROPOSED -> Signal.RESOLUTION_PROPOSED;
            case CUSTOMER_CONFIRMED -> Signal.CUSTOMER_CONFIRMED;
            case REOPENED -> Signal.STILL_BROKEN;
            case PROMISE_MADE -> Signal.PROMISE_MADE;
            case GRATITUDE -> Signal.GRATITUDE;
            default -> null;
        };
    }

    private static String rule(MessageFacts facts, Signal signal) {
        return facts.signals().stream().filter(found -> found.signal() == signal).map(DetectedSignal::rule)
                .findFirst().orElse(signal.wireName());
    }

    private static IssueState revivedState(Issue issue) {
        return issue.has(IssueEventType.AGENT_REPLIED) ? IssueState.ENGAGED : IssueState.OPEN;
    }

    private static boolean reopenable(IssueState state) {
        return state == IssueState.RESOLUTION_PROPOSED || state == IssueState.CONFIRMED
                || state == IssueState.FOLLOWED_UP;
    }

    private static boolean confirmable(IssueState state) {
        return state == IssueState.OPEN || state == IssueState.ENGAGED || state == IssueState.RESOLUTION_PROPOSED
                || state == IssueState.REOPENED;
    }

    private static boolean proposable(IssueState state) {
        return state == IssueState.OPEN || state == IssueState.ENGAGED || state == IssueState.REOPENED;
    }
}
