package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.issue.MessageFacts;
import io.happy3.domain.issue.Role;
import io.happy3.domain.issue.Transition;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgePlanner;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import io.happy3.domain.review.ProudNominator;
import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.ThreadContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: a chat event in a followed channel updates its issue and plans the nudges the playbook
 * calls for. Idempotent per event: replaying an event changes nothing twice (nudges are unique by
 * key, nominations by id, and a message already recorded on its issue is skipped).
 */
public final class FollowConversation {
    private static final Logger log = LoggerFactory.getLogger(FollowConversation.class);

    private final TeamDirectory team;
    private final IssueStore issues;
    private final NudgeStore nudges;
    private final ProudMomentStore proudMoments;
    private final ChatGateway gateway;
    private final Signals signals;
    private final IssueTracker tracker = new IssueTracker();
    private final ThreadContexts contexts = new ThreadContexts(10_000);
    private final IssueWriteLocks locks = new IssueWriteLocks();
    private final Clock clock;

    public FollowConversation(TeamDirectory team, IssueStore issues, NudgeStore nudges,
                              ProudMomentStore proudMoments, ChatGateway gateway, Signals signals, Clock clock) {
        this.team = requireNonNull(team, "team == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.proudMoments = requireNonNull(proudMoments, "proudMoments == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.signals = requireNonNull(signals, "signals == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /**
     * Applies one event; returns the issue transition it caused, if any. The read and write of the issue run
     * under the issue's write lock, and again from a fresh read when another writer saved it meanwhile.
     */
    public Optional<Transition> handle(ChatEvent event) {
        if (event instanceof ChatEvent.MessagePosted posted) {
            return serialised(IssueId.of(posted.channel(), posted.threadRootId().orElse(posted.messageId())),
                    () -> message(posted.channel(), posted.author(), posted.authorExternal(), posted.messageId(),
                            posted.threadRootId(), posted.text(), posted.at(), false));
        }
        if (event instanceof ChatEvent.MessageEdited edited) {
            return serialised(IssueId.of(edited.channel(), edited.threadRootId().orElse(edited.messageId())),
                    () -> message(edited.channel(), edited.author(), edited.authorExternal(), edited.messageId(),
                            edited.threadRootId(), edited.newText(), edited.at(), true));
        }
        if (event instanceof ChatEvent.MessageDeleted deleted) {
            IssueId id = IssueId.of(deleted.channel(), deleted.messageId());
            return serialised(id, () -> issues.find(id)
                    .flatMap(issue -> tracker.onRootDeleted(issue, deleted.at()))
                    .map(transition -> apply(transition, null)));
        }
        if (event instanceof ChatEvent.ReactionAdded reaction) {
            return reaction(reaction);
        }
        return Optional.empty();
    }

    /**
     * Runs {@code write} (which reads the issue itself) as the only writer of {@code issue} in this process,
     * re-running it when another replica saved the issue first. Every use case that changes an issue goes
     * through here, so a button press, a reaction on a reply and the stale sweep never overwrite each other.
     */
    <T> T serialised(IssueId issue, Supplier<T> write) {
        return locks.serialised(issue, write);
    }

    private Optional<Transition> message(ChannelRef channel, UserRef author, boolean external, String messageId,
                                         Optional<String> threadRootId, String text, Instant at, boolean edited) {
        Optional<ChannelContext> context = team.followed(channel);
        if (context.isEmpty()) {
            return Optional.empty();
        }
        String rootId = threadRootId.orElse(messageId);
        Optional<Issue> existing = issues.find(IssueId.of(channel, rootId));
        if (!edited && existing.filter(issue -> issue.contains(messageId)).isPresent()) {
            log.debug("message {} already recorded on {}", messageId, existing.get().id());
            replan(existing.get(), messageId, context.get());
            return Optional.empty();
        }
        Role role = team.roleOf(context.get(), author, external);
        io.happy3.domain.issue.IssueId thread = io.happy3.domain.issue.IssueId.of(channel, rootId);
        List<DetectedSignal> found = signals.forPlaybook(context.get().playbook()).detect(text, role,
                at.atZone(team.zoneOf(author, Optional.of(context.get().playbook()))), contexts.of(thread));
        if (!edited) {
            contexts.then(thread, new ThreadContext.Turn(role, at,
                    found.stream().map(DetectedSignal::signal).collect(java.util.stream.Collectors.toSet()),
                    Cue.of(text, role)));
        }
        MessageFacts facts = new MessageFacts(channel, author, role, messageId, threadRootId, at, found, edited);
        List<Issue> earlier = existing.isEmpty() && threadRootId.isEmpty()
                ? issues.findByCustomer(channel, author, at.minus(IssueTracker.BOUNCE_BACK_WINDOW))
                : List.of();
        return tracker.onMessage(existing, facts, context.get().playbook().id(), earlier)
                .map(transition -> apply(transition, context.get()));
    }

    private Optional<Transition> reaction(ChatEvent.ReactionAdded reaction) {
        Optional<ChannelContext> context = team.followed(reaction.channel());
        if (context.isEmpty()) {
            return Optional.empty();
        }
        Optional<Issue> issue = reaction.threadRootId()
                .flatMap(root -> issues.find(IssueId.of(reaction.channel(), root)))
                .or(() -> issues.findByMessage(reaction.channel(), reaction.messageId()));
        if (reaction.reaction() == Reaction.STAR) {
            nominateStar(reaction, issue);
            return Optional.empty();
        }
        if (issue.isEmpty()) {
            return Optional.empty();
        }
        // A reaction on a reply arrives under the reply's inbox key, not the thread's: the issue lock orders it.
        Role role = team.roleOf(context.get(), reaction.user(), reaction.userExternal());
        IssueId id = issue.get().id();
        return serialised(id, () -> issues.find(id).flatMap(found -> tracker.onReaction(found, reaction.user(), role,
                reaction.reaction(), reaction.messageId(), reaction.at()))
                .map(transition -> apply(transition, context.get())));
    }

    private void nominateStar(ChatEvent.ReactionAdded reaction, Optional<Issue> issue) {
        Optional<String> link = gateway.permalink(reaction.channel(), reaction.messageId());
        String id = "star:" + reaction.channel().key() + ":" + reaction.messageId() + ":" + reaction.user().user();
        proudMoments.add(new ProudMoment(id, reaction.tenant(), Optional.of(reaction.channel()),
                issue.map(Issue::id), issue.flatMap(Issue::agent), Optional.of(reaction.user()),
                ProudMoment.Source.STAR_REACTION, "Starred in the channel.", link, reaction.at(),
                ProudMoment.Decision.NOMINATED, Optional.empty()));
    }

    /**
     * A replayed message (the inbox hands an entry over again when its first run failed after the issue was
     * saved, say the database went away in between) plans its nudges once more: scheduling is unique by key,
     * so a nudge planned before is not doubled, and one the failed run never stored is not lost.
     */
    private void replan(Issue issue, String messageId, ChannelContext context) {
        List<io.happy3.domain.issue.IssueEvent> recorded = issue.history().stream()
                .filter(event -> event.messageId().filter(messageId::equals).isPresent()).toList();
        NudgePlanner planner = new NudgePlanner(user -> team.zoneOf(user, Optional.of(context.playbook())));
        for (Nudge nudge : planner.plan(issue, recorded, context.playbook(), context.agents(), clock.instant())) {
            if (nudges.schedule(nudge)) {
                log.info("planned nudge {} (step {}) that an interrupted run of message {} had not stored",
                        nudge.id(), nudge.stepId(), messageId);
            }
        }
    }

    /** Saves the transition, then plans and cancels nudges and records nominations. */
    Transition apply(Transition transition, ChannelContext context) {
        Issue issue = transition.issue();
        issues.save(issue);
        Instant now = clock.instant();
        if (context != null) {
            NudgePlanner planner = new NudgePlanner(user -> team.zoneOf(user, Optional.of(context.playbook())));
            for (Nudge nudge : planner.plan(issue, transition.events(), context.playbook(), context.agents(), now)) {
                if (nudges.schedule(nudge)) {
                    log.debug("planned nudge {} step {} due {}", nudge.id(), nudge.stepId(), nudge.dueAt());
                }
            }
            settleOpenNudges(issue, transition, context, planner, now);
        }
        Optional<String> link = gateway.permalink(issue.channel(), issue.rootMessageId());
        for (ProudMoment moment : ProudNominator.nominate(transition, link)) {
            proudMoments.add(moment);
        }
        return transition;
    }

    /**
     * A delivered nudge whose goal then happened (the agent replied, the customer confirmed) was acted upon,
     * even if nobody pressed its button.
     */
    private void markDoneByItsGoal(Nudge nudge, Issue issue, ChannelContext context) {
        boolean goalReached = context.playbook().step(nudge.stepId())
                .flatMap(step -> step.unless())
                .filter(goal -> issue.happenedAfter(goal, nudge.sentAt().orElse(nudge.dueAt())))
                .isPresent();
        if (goalReached) {
            nudges.update(nudge.answered("goal:" + context.playbook().step(nudge.stepId()).orElseThrow().unless()
                    .orElseThrow().wireName(), NudgeStatus.ACTED));
        }
    }

    /** Cancels nudges whose guard now holds, and wakes nudges snoozed until the customer replied. */
    private void settleOpenNudges(Issue issue, Transition transition, ChannelContext context, NudgePlanner planner,
                                  Instant now) {
        boolean customerWrote = transition.recorded(IssueEventType.CUSTOMER_REPLIED);
        for (Nudge nudge : nudges.findByIssue(issue.id())) {
            if (nudge.status() == NudgeStatus.SENT) {
                markDoneByItsGoal(nudge, issue, context);
                continue;
            }
            if (!nudge.status().open()) {
                continue;
            }
            boolean guard = context.playbook().step(nudge.stepId())
                    .map(step -> planner.guardHolds(step, issue, nudge.triggeredAt())).orElse(true);
            if (guard) {
                nudges.update(nudge.withStatus(NudgeStatus.CANCELLED));
            } else if (customerWrote && nudge.status() == NudgeStatus.WAITING_FOR_CUSTOMER) {
                nudges.update(nudge.deferredTo(now, now.plus(java.time.Duration.between(nudge.dueAt(),
                        nudge.expiresAt()))).withStatus(NudgeStatus.PENDING));
            }
        }
    }
}
