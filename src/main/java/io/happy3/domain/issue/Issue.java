package io.happy3.domain.issue;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.PlaybookId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One customer conversation: the customer's top-level message in a followed channel and its thread.
 * Immutable; {@link #record} returns the issue with one more history entry. Holds no message text.
 * {@code agent} is the agent who last replied or acted (the "issue agent" nudges go to). {@code version} is
 * the stored version this value was read at (0 for an issue never saved): {@link IssueStore#save} refuses a
 * write based on an older version, so two writers cannot silently overwrite each other's history.
 */
public record Issue(IssueId id, MessageRef root, UserRef customer, PlaybookId playbookId,
                   IssueState state, Instant openedAt, Instant lastActivityAt, Optional<UserRef> agent,
                   List<IssueEvent> history, long version) {
    public Issue {
        requireNonNull(id, "id == null");
        requireNonNull(root, "root == null");
        requireNonNull(customer, "customer == null");
        requireNonNull(playbookId, "playbookId == null");
        requireNonNull(state, "state == null");
        requireNonNull(openedAt, "openedAt == null");
        requireNonNull(lastActivityAt, "lastActivityAt == null");
        requireNonNull(agent, "agent == null");
        history = List.copyOf(history);
        if (version < 0) {
            throw new IllegalArgumentException("version < 0: " + version);
        }
    }

    /** A new issue opened by {@code customer}'s message {@code root} at {@code at}. */
    public static Issue open(MessageRef root, UserRef customer, PlaybookId playbookId, Instant at) {
        return new Issue(IssueId.of(root), root, customer, playbookId,
                IssueState.OPEN, at, at, Optional.empty(), List.of(), 0);
    }

    /** The channel the issue lives in. */
    public ChannelRef channel() {
        return root.channel();
    }

    /** This issue with {@code event} appended, moved to {@code newState}. */
    public Issue record(IssueEvent event, IssueState newState) {
        List<IssueEvent> next = new ArrayList<>(history);
        next.add(event);
        Instant activity = event.at().isAfter(lastActivityAt) ? event.at() : lastActivityAt;
        Optional<UserRef> nextAgent = agent;
        if (event.actor().isPresent() && !event.actor().get().equals(customer) && agentEvent(event.type())) {
            nextAgent = event.actor();
        }
        return new Issue(id, root, customer, playbookId, newState, openedAt, activity, nextAgent,
                next, version);
    }

    /** This issue as stored at {@code storedVersion} (what a store returns after reading or saving it). */
    public Issue atVersion(long storedVersion) {
        return new Issue(id, root, customer, playbookId, state, openedAt, lastActivityAt, agent,
                history, storedVersion);
    }

    private static boolean agentEvent(IssueEventType type) {
        return switch (type) {
            case AGENT_REPLIED, RESOLUTION_PROPOSED, PROMISE_MADE, FOLLOWED_UP, RESOLUTION_WITHDRAWN,
                    CONFIRMATION_ASKED -> true;
            default -> false;
        };
    }

    // The three below are plain loops, not streams: a review over a busy fortnight calls them for every
    // issue many times (bench/: the review over a year).
    public List<IssueEvent> events(IssueEventType type) {
        List<IssueEvent> matching = null;
        for (IssueEvent event : history) {
            if (event.type() == type) {
                if (matching == null) {
                    matching = new ArrayList<>(4);
                }
                matching.add(event);
            }
        }
        return matching == null ? List.of() : Collections.unmodifiableList(matching);
    }

    public Optional<IssueEvent> first(IssueEventType type) {
        for (IssueEvent event : history) {
            if (event.type() == type) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    public Optional<IssueEvent> last(IssueEventType type) {
        for (int index = history.size() - 1; index >= 0; index--) {
            if (history.get(index).type() == type) {
                return Optional.of(history.get(index));
            }
        }
        return Optional.empty();
    }

    /** True when an event of {@code type} happened strictly after {@code since}. */
    public boolean happenedAfter(IssueEventType type, Instant since) {
        return history.stream().anyMatch(event -> event.type() == type && event.at().isAfter(since));
    }

    public boolean has(IssueEventType type) {
        for (IssueEvent event : history) {
            if (event.type() == type) {
                return true;
            }
        }
        return false;
    }

    /**
     * The state the issue was in just before {@code cutoff}: its current state when nothing happened since,
     * else the state its earlier history leads to (the tracker's transitions replayed), so a past week's
     * export does not change when the issue moves on.
     */
    public IssueState stateBefore(Instant cutoff) {
        if (history.stream().allMatch(event -> event.at().isBefore(cutoff))) {
            return state;
        }
        IssueState replayed = IssueState.OPEN;
        boolean agentReplied = false;
        for (IssueEvent event : history) {
            if (!event.at().isBefore(cutoff)) {
                break;
            }
            replayed = switch (event.type()) {
                case ISSUE_OPENED -> IssueState.OPEN;
                case CUSTOMER_REPLIED -> replayed == IssueState.STALE
                        ? (agentReplied ? IssueState.ENGAGED : IssueState.OPEN) : replayed;
                case AGENT_REPLIED -> replayed == IssueState.OPEN || replayed == IssueState.STALE
                        ? IssueState.ENGAGED : replayed;
                case RESOLUTION_PROPOSED -> IssueState.RESOLUTION_PROPOSED;
                case CUSTOMER_CONFIRMED -> IssueState.CONFIRMED;
                case REOPENED -> IssueState.REOPENED;
                case FOLLOWED_UP -> IssueState.FOLLOWED_UP;
                case RESOLUTION_WITHDRAWN -> IssueState.ENGAGED;
                case CLOSED_STALE -> IssueState.STALE;
                case ROOT_DELETED -> agentReplied ? replayed : IssueState.STALE;
                case PROMISE_MADE, GRATITUDE, CONFIRMATION_ASKED, BOUNCE_BACK -> replayed;
            };
            agentReplied |= event.type() == IssueEventType.AGENT_REPLIED;
        }
        return replayed;
    }

    /** Time from opening to the first agent reply, if an agent has replied. */
    public Optional<Duration> firstResponseTime() {
        return first(IssueEventType.AGENT_REPLIED).map(event -> Duration.between(openedAt, event.at()));
    }

    /** True when the given message belongs to this issue (its root or a recorded reply). */
    public boolean contains(String messageId) {
        return root.id().equals(messageId)
                || history.stream().anyMatch(event -> event.messageId().filter(messageId::equals).isPresent());
    }
}
