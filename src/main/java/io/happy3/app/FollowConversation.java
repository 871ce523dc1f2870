package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.issue.MessageFacts;
import io.happy3.domain.issue.Role;
import io.happy3.domain.issue.Transition;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.signal.ThreadContext;
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
    private final RecordTransition record;
    private final PlanNudges plan;
    private final ProudMomentStore proudMoments;
    private final ChatGateway gateway;
    private final Signals signals;
    private final IssueTracker tracker = new IssueTracker();
    private final ThreadContexts contexts = new ThreadContexts(10_000);
    private final IssueWriteLocks locks;

    public FollowConversation(TeamDirectory team, IssueStore issues, RecordTransition record, PlanNudges plan,
                              IssueWriteLocks locks, ProudMomentStore proudMoments, ChatGateway gateway,
                              Signals signals) {
        this.team = requireNonNull(team, "team == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.record = requireNonNull(record, "record == null");
        this.plan = requireNonNull(plan, "plan == null");
        this.locks = requireNonNull(locks, "locks == null");
        this.proudMoments = requireNonNull(proudMoments, "proudMoments == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.signals = requireNonNull(signals, "signals == null");
    }

    /**
     * Applies one event; returns the issue transition it caused, if any. The read and write of the issue run
     * under the issue's write lock, and again from a fresh read when another writer saved it meanwhile.
     */
    public Optional<Transition> handle(ChatEvent event) {
        if (event instanceof ChatEvent.MessagePosted posted) {
            return serialised(IssueId.of(posted.issueRoot()),
                    () -> message(posted.message(), posted.author(), posted.authorExternal(),
                            posted.threadRootId(), posted.text(), posted.at(), false));
        }
        if (event instanceof ChatEvent.MessageEdited edited) {
            return serialised(IssueId.of(edited.issueRoot()),
                    () -> message(edited.message(), edited.author(), edited.authorExternal(),
                            edited.threadRootId(), edited.newText(), edited.at(), true));
        }
        if (event instanceof ChatEvent.MessageDeleted deleted) {
            IssueId id = IssueId.of(deleted.message());
            return serialised(id, () -> issues.find(id)
                    .flatMap(issue -> tracker.onRootDeleted(issue, deleted.at()))
                    .map(transition -> record.record(transition, Optional.empty())));
        }
        if (event instanceof ChatEvent.ReactionAdded reaction) {
            return reaction(reaction);
        }
        return Optional.empty();
    }

    private <T> T serialised(IssueId issue, Supplier<T> write) {
        return locks.serialised(issue, write);
    }

    private Optional<Transition> message(MessageRef message, UserRef author, boolean external,
                                         Optional<String> threadRootId, String text, Instant at, boolean edited) {
        ChannelRef channel = message.channel();
        String messageId = message.id();
        Optional<ChannelContext> context = team.followed(channel);
        if (context.isEmpty()) {
            return Optional.empty();
        }
        IssueId thread = IssueId.of(threadRootId.map(message::sibling).orElse(message));
        Optional<Issue> existing = issues.find(thread);
        if (!edited && existing.filter(issue -> issue.contains(messageId)).isPresent()) {
            log.debug("message {} already recorded on {}", messageId, existing.get().id());
            plan.replay(existing.get(), messageId, context.get());
            return Optional.empty();
        }
        Role role = team.roleOf(context.get(), author, external);
        List<DetectedSignal> found = signals.forPlaybook(context.get().playbook()).detect(text, role,
                at.atZone(team.zoneOf(author, Optional.of(context.get().playbook()))), contexts.of(thread));
        if (!edited) {
            contexts.then(thread, new ThreadContext.Turn(role, at,
                    found.stream().map(DetectedSignal::signal).collect(java.util.stream.Collectors.toSet()),
                    Cue.of(text, role)));
        }
        MessageFacts facts = new MessageFacts(message, author, role, threadRootId, at, found, edited);
        List<Issue> earlier = existing.isEmpty() && threadRootId.isEmpty()
                ? issues.findByCustomer(channel, author, at.minus(IssueTracker.BOUNCE_BACK_WINDOW))
                : List.of();
        return tracker.onMessage(existing, facts, context.get().playbook().id(), earlier)
                .map(transition -> record.record(transition, context));
    }

    private Optional<Transition> reaction(ChatEvent.ReactionAdded reaction) {
        Optional<ChannelContext> context = team.followed(reaction.channel());
        if (context.isEmpty()) {
            return Optional.empty();
        }
        Optional<Issue> issue = reaction.threadRootId()
                .flatMap(root -> issues.find(IssueId.of(reaction.message().sibling(root))))
                .or(() -> issues.findByMessage(reaction.message()));
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
                reaction.reaction(), reaction.message().id(), reaction.at()))
                .map(transition -> record.record(transition, context)));
    }

    private void nominateStar(ChatEvent.ReactionAdded reaction, Optional<Issue> issue) {
        Optional<String> link = gateway.permalink(reaction.message());
        String id = "star:" + reaction.message().key() + ":" + reaction.user().user();
        proudMoments.add(new ProudMoment(id, reaction.tenant(), Optional.of(reaction.channel()),
                issue.map(Issue::id), issue.flatMap(Issue::agent), Optional.of(reaction.user()),
                ProudMoment.Source.STAR_REACTION, "Starred in the channel.", link, reaction.at(),
                ProudMoment.Decision.NOMINATED, Optional.empty()));
    }
}
