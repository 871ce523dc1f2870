package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Decision;
import io.happy3.domain.nudge.DeliveryOutcome;
import io.happy3.domain.nudge.DeliveryOutcome.Kind;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.NudgePlanner;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.time.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: one scheduler tick. Claims due nudges with a lease, re-checks each at send time, delivers
 * those still wanted (coalescing several to one agent), and records every outcome: sent, cancelled,
 * expired, deferred, or retried with backoff until it ends visibly {@link NudgeStatus#FAILED}.
 * A failing nudge or recipient never stops the others.
 */
public final class DeliverDueNudges {
    private static final Logger log = LoggerFactory.getLogger(DeliverDueNudges.class);
    public static final int MAX_ATTEMPTS = 8;
    /** Short, and renewed every quarter while a tick runs: a dead replica's claims pass on within ~20 s. */
    public static final Duration LEASE = Duration.ofSeconds(20);
    /**
     * An agent's inbox (the Slack App Home) is refreshed at most this often while nudges keep reaching them, and
     * within a tick once this has passed since the last refresh: rebuilding it costs more than a delivery, and
     * Slack allows {@code views.publish} about 100 times a minute per workspace (Tier 4), 50 agents' worth.
     */
    public static final Duration INBOX_REFRESH = Duration.ofSeconds(30);
    /**
     * The most nudges coalesced into one message: a Slack message holds 50 blocks, four per nudge. A recipient with
     * more gets several messages, each recorded on its own, so a failed one never re-sends the others.
     */
    public static final int MAX_PER_MESSAGE = 12;
    /** 5 s after the first failure, doubling up to 10 min; a longer Retry-After wins. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    private final TeamDirectory team;
    private final NudgePlanner planner;
    private final NudgeRenderer renderer;
    private final IssueStore issues;
    private final NudgeStore nudges;
    private final ChatGateway gateway;
    private final Clock clock;
    private final String owner;
    private final int batchSize;
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ticks = new AtomicLong();
    /** The claim of the tick in progress (null between ticks), renewed by {@link #renewLeases}. */
    private volatile Claim current;
    /** Delivers to several recipients at once when set ({@link #deliverWith}); null: on the ticking thread. */
    private Executor deliverers;
    /** Refreshes inboxes beside the deliveries when set ({@link #refreshInboxesWith}); null: after each round. */
    private Executor refreshers;
    /** Agents who received nudges since their inbox was last refreshed. */
    private final Set<UserRef> staleInboxes = ConcurrentHashMap.newKeySet();
    /** When each agent's inbox was last refreshed, kept for {@link #INBOX_REFRESH} only. */
    private final Map<UserRef, Instant> refreshedAt = new ConcurrentHashMap<>();
    /** Agents whose refresh is queued on {@link #refreshers} and not yet started. */
    private final Set<UserRef> refreshQueued = ConcurrentHashMap.newKeySet();

    public DeliverDueNudges(TeamDirectory team, NudgePlanner planner, NudgeRenderer renderer, IssueStore issues,
                            NudgeStore nudges, ChatGateway gateway, Clock clock, String owner, int batchSize) {
        this.team = requireNonNull(team, "team == null");
        this.planner = requireNonNull(planner, "planner == null");
        this.renderer = requireNonNull(renderer, "renderer == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.clock = requireNonNull(clock, "clock == null");
        this.owner = requireNonNull(owner, "owner == null");
        this.batchSize = batchSize;
    }

    /**
     * The nudges one tick claimed, under a lease owner unique to that tick, so a later claim by the same
     * process is a different owner too; {@code held} shrinks when a lease is lost.
     */
    private record Claim(String owner, Set<NudgeId> held) {
    }

    /**
     * Extends the leases of the nudges the running tick is delivering, so another scheduler does not take them
     * over; the scheduler calls it every quarter {@link #LEASE} from another thread while ticks run.
     */
    public void renewLeases() {
        Claim claim = current;
        if (claim == null || claim.held().isEmpty()) {
            return;
        }
        List<NudgeId> ids = List.copyOf(claim.held());
        Set<NudgeId> kept = Set.copyOf(nudges.renew(claim.owner(), ids, clock.instant().plus(LEASE)));
        // A nudge settled meanwhile left the claim (it is no longer pending): only the rest were taken over.
        List<NudgeId> lost = ids.stream().filter(id -> !kept.contains(id) && claim.held().contains(id)).toList();
        if (!lost.isEmpty()) {
            log.warn("{} of {} nudges in delivery lost their lease to another scheduler; it delivers them",
                    lost.size(), ids.size());
            lost.forEach(claim.held()::remove);
        }
    }

    /** Observes outcomes (metrics, the demo's printout). */
    public interface DeliveryListener {
        void delivered(NudgeMessage message, Issue issue);

        default void settled(Nudge nudge, DeliveryOutcome outcome) {
        }
    }

    public void addListener(DeliveryListener listener) {
        listeners.add(requireNonNull(listener, "listener == null"));
    }

    /** Runs one tick; returns how many nudges were delivered. Ticks of one instance run one at a time. */
    public synchronized int tick() {
        return round().delivered();
    }

    /**
     * Runs rounds of {@link #tick} while each claims a full batch and {@code budget} has not run out, so a
     * backlog of due nudges drains at the delivery rate rather than one batch per scheduler period; returns
     * how many were delivered.
     */
    public synchronized int tickWhileDue(Duration budget) {
        requireNonNull(budget, "budget == null");
        long deadline = System.nanoTime() + budget.toNanos();
        int delivered = 0;
        Round round;
        do {
            round = round();
            delivered += round.delivered();
        } while (round.claimed() == batchSize && System.nanoTime() < deadline);
        return delivered;
    }

    /**
     * Delivers to several recipients at once on {@code pool} (one recipient's nudges stay on one thread, in order,
     * coalesced as before); without one, the default, on the calling thread. The pool is the caller's to own and
     * stop (use cases start no threads). Call before the first tick.
     */
    public synchronized void deliverWith(Executor pool) {
        deliverers = requireNonNull(pool, "pool == null");
    }

    /**
     * Refreshes inboxes on {@code pool}, beside the deliveries, instead of on the ticking thread after each round.
     * The pool is the caller's to own and stop. Call before the first tick.
     */
    public synchronized void refreshInboxesWith(Executor pool) {
        refreshers = requireNonNull(pool, "pool == null");
    }

    private record Round(int claimed, int delivered) {
    }

    /** What a round reads once for all its nudges: their issues, and the links to the issues' threads. */
    private record RoundContext(Map<IssueId, Issue> issues, Map<MessageRef, String> links,
                                RecallCustomer.Known recall) {
    }

    private Round round() {
        Instant now = clock.instant();
        String claimOwner = owner + "#" + ticks.incrementAndGet();
        List<Nudge> claimed = nudges.claimDue(claimOwner, batchSize, now, LEASE);
        Set<NudgeId> held = ConcurrentHashMap.newKeySet();
        claimed.forEach(nudge -> held.add(nudge.id()));
        current = new Claim(claimOwner, held);
        Round round;
        try {
            round = new Round(claimed.size(), claimed.isEmpty() ? 0 : deliverClaimed(claimed, now, context(claimed)));
        } finally {
            current = null;
        }
        refreshInboxes(now);
        return round;
    }

    /** One query each for the round's issues, their links and their recall, instead of one of each per nudge. */
    private RoundContext context(List<Nudge> claimed) {
        Map<IssueId, Issue> found = issues.findAll(claimed.stream().map(Nudge::issueId).distinct().toList());
        return new RoundContext(found, gateway.permalinks(found.values().stream().map(Issue::root).toList()),
                renderer.recallAbout(found.values()));
    }

    /**
     * Refreshes the inbox of each agent who received nudges, unless it was refreshed within {@link #INBOX_REFRESH}:
     * then a later round or tick does, so the inbox is at most that much (and a tick) behind.
     */
    private void refreshInboxes(Instant now) {
        refreshedAt.values().removeIf(at -> !at.plus(INBOX_REFRESH).isAfter(now));
        for (UserRef agent : List.copyOf(staleInboxes)) {
            if (refreshedAt.putIfAbsent(agent, now) != null) {
                continue;
            }
            staleInboxes.remove(agent);
            Executor pool = refreshers;
            if (pool == null) {
                refreshInbox(agent);
            } else if (refreshQueued.add(agent)) {
                pool.execute(() -> {
                    refreshQueued.remove(agent);
                    refreshInbox(agent);
                });
            }
        }
    }

    private void refreshInbox(UserRef agent) {
        try {
            gateway.refreshInbox(agent);
        } catch (RuntimeException e) {
            log.warn("inbox of {} not refreshed: {}", agent.key(), e.toString());
        }
    }

    /** Groups the claimed nudges by recipient and delivers each group, in parallel when so configured. */
    private int deliverClaimed(List<Nudge> claimed, Instant now, RoundContext context) {
        Map<UserRef, List<Nudge>> byRecipient = new LinkedHashMap<>();
        claimed.forEach(nudge -> byRecipient.computeIfAbsent(nudge.recipient(), key -> new ArrayList<>()).add(nudge));
        Executor pool = deliverers;
        if (pool == null || byRecipient.size() < 2) {
            int delivered = 0;
            for (Map.Entry<UserRef, List<Nudge>> group : byRecipient.entrySet()) {
                delivered += deliverTo(group.getKey(), group.getValue(), now, context);
            }
            return delivered;
        }
        List<Future<Integer>> results = new ArrayList<>();
        byRecipient.forEach((recipient, group) -> results.add(
                CompletableFuture.supplyAsync(() -> deliverTo(recipient, group, now, context), pool)));
        int delivered = 0;
        for (Future<Integer> result : results) {
            delivered += join(result);
        }
        return delivered;
    }

    private static int join(Future<Integer> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            log.warn("delivering a recipient's nudges failed", e.getCause());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Prepares one recipient's claimed nudges (each re-checked at send time, the day's sends counted once for
     * the group and then per nudge prepared), then delivers them together.
     */
    private int deliverTo(UserRef recipient, List<Nudge> claimed, Instant now, RoundContext context) {
        List<Prepared> prepared = new ArrayList<>();
        Map<Instant, Integer> sentSince = new HashMap<>();
        for (Nudge nudge : claimed) {
            try {
                prepare(nudge, now, sentSince, prepared.size(), context).ifPresent(prepared::add);
            } catch (RuntimeException e) {
                log.warn("nudge {} could not be prepared: {}", nudge.id(), e.toString(), e);
                retryOrFail(List.of(nudge), e.toString(), Optional.empty(), false, now);
            }
        }
        int delivered = 0;
        for (int from = 0; from < prepared.size(); from += MAX_PER_MESSAGE) {
            delivered += deliver(recipient, prepared.subList(from, Math.min(prepared.size(), from + MAX_PER_MESSAGE)),
                    now);
        }
        return delivered;
    }

    private record Prepared(Nudge nudge, Issue issue, Playbook playbook, NudgeMessage message) {
    }

    /**
     * {@code sentSince} caches, per start of the recipient's day, what {@code countSent} found before this
     * round; {@code alreadyInThisTick} adds the group's sends prepared so far (they count against the cap too).
     */
    private Optional<Prepared> prepare(Nudge nudge, Instant now, Map<Instant, Integer> sentSince,
                                       int alreadyInThisTick, RoundContext context) {
        Optional<Issue> issue = Optional.ofNullable(context.issues().get(nudge.issueId()));
        Optional<Playbook> playbook = team.playbook(nudge.playbookId());
        if (issue.isEmpty() || playbook.isEmpty()) {
            settle(nudge.withStatus(NudgeStatus.CANCELLED), DeliveryOutcome.of(Kind.CANCELLED,
                    issue.isEmpty() ? "issue gone" : "playbook gone"));
            return Optional.empty();
        }
        ZoneId zone = team.zoneOf(nudge.recipient(), playbook);
        Instant dayStart = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        int sentToday = sentSince.computeIfAbsent(dayStart, start -> nudges.countSent(nudge.recipient(), start,
                now.plusSeconds(1))) + alreadyInThisTick;
        Decision decision = planner.decide(nudge, issue.get(), playbook.get(), now,
                team.profile(nudge.recipient()).mutedUntil(), sentToday);
        if (decision instanceof Decision.Cancel cancel) {
            settle(nudge.withStatus(NudgeStatus.CANCELLED), DeliveryOutcome.of(Kind.CANCELLED, cancel.reason()));
            return Optional.empty();
        }
        if (decision instanceof Decision.Expire expire) {
            settle(nudge.withStatus(NudgeStatus.EXPIRED), DeliveryOutcome.of(Kind.EXPIRED, expire.reason()));
            return Optional.empty();
        }
        if (decision instanceof Decision.Defer defer) {
            Duration lifetime = Duration.between(nudge.dueAt(), nudge.expiresAt());
            settle(nudge.deferredTo(defer.until(), defer.until().plus(lifetime)),
                    DeliveryOutcome.of(Kind.DEFERRED, defer.reason()));
            return Optional.empty();
        }
        boolean late = ((Decision.Send) decision).late();
        Step step = playbook.get().step(nudge.stepId()).orElseThrow();
        Optional<String> link = Optional.ofNullable(context.links().get(issue.get().root()));
        return Optional.of(new Prepared(nudge, issue.get(), playbook.get(),
                renderer.render(nudge, issue.get(), step, zone, late, now, link, context.recall())));
    }

    private int deliver(UserRef recipient, List<Prepared> candidates, Instant now) {
        Set<NudgeId> held = current.held();
        List<Prepared> batch = candidates.stream().filter(candidate -> held.contains(candidate.nudge().id())).toList();
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            gateway.deliver(recipient, batch.stream().map(Prepared::message).toList());
        } catch (ChatDeliveryException e) {
            log.warn("delivery to {} failed ({} nudges): {}", recipient.key(), batch.size(), e.getMessage());
            retryOrFail(batch.stream().map(Prepared::nudge).toList(), e.getMessage(), e.retryAfter(), e.permanent(),
                    now);
            return 0;
        } catch (RuntimeException e) {
            log.warn("delivery to {} failed ({} nudges)", recipient.key(), batch.size(), e);
            retryOrFail(batch.stream().map(Prepared::nudge).toList(), e.toString(), Optional.empty(), false, now);
            return 0;
        }
        // The delivery's SENT marks share one (synchronous, fenced) commit.
        List<Nudge> sent = batch.stream().map(prepared -> prepared.nudge().sent(now, prepared.message().late()))
                .toList();
        Set<NudgeId> written = Set.copyOf(nudges.updateClaimed(sent, current.owner()));
        staleInboxes.add(recipient);
        for (int i = 0; i < batch.size(); i++) {
            Prepared prepared = batch.get(i);
            DeliveryOutcome outcome = DeliveryOutcome.of(prepared.message().late() ? Kind.SENT_LATE : Kind.SENT, "");
            if (!recorded(sent.get(i), outcome, written.contains(sent.get(i).id()))) {
                continue;
            }
            planner.repeat(sent.get(i), prepared.issue(), prepared.playbook(), now).ifPresent(nudges::schedule);
            listeners.forEach(listener -> listener.delivered(prepared.message(), prepared.issue()));
        }
        return batch.size();
    }

    private void retryOrFail(List<Nudge> failed, String reason, Optional<Duration> retryAfter, boolean permanent,
                             Instant now) {
        for (Nudge nudge : failed) {
            boolean giveUp = permanent || nudge.attempts() + 1 >= MAX_ATTEMPTS;
            Duration backoff = BACKOFF.after(nudge.attempts() + 1);
            Duration wait = retryAfter.filter(after -> after.compareTo(backoff) > 0).orElse(backoff);
            Nudge next = nudge.failedAttempt(reason, giveUp ? Optional.empty() : Optional.of(now.plus(wait)));
            settle(next, giveUp ? DeliveryOutcome.of(Kind.FAILED, reason)
                    : DeliveryOutcome.of(Kind.RETRY, "at " + next.dueAt()));
        }
    }

    /** Records the outcome of a claimed nudge; false when the claim was lost and another owner records it. */
    private boolean settle(Nudge nudge, DeliveryOutcome outcome) {
        return recorded(nudge, outcome, nudges.updateClaimed(nudge, current.owner()));
    }

    /** After a fenced write of {@code nudge}: false (and it leaves this claim) when the claim was lost. */
    private boolean recorded(Nudge nudge, DeliveryOutcome outcome, boolean written) {
        Claim claim = current;
        if (!written) {
            claim.held().remove(nudge.id());
            log.warn("nudge {} was taken over by another scheduler before its outcome ({}) was recorded; "
                    + "the outcome stays theirs", nudge.id(), outcome);
            return false;
        }
        claim.held().remove(nudge.id()); // settled: no longer in delivery, so no longer renewed
        log.debug("nudge {} {}: {}", nudge.id(), nudge.status(), outcome);
        listeners.forEach(listener -> listener.settled(nudge, outcome));
        return true;
    }
}
