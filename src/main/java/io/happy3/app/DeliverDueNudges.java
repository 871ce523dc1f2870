package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final List<DeliveryListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong ticks = new AtomicLong();
    /** The claim of the tick in progress (null between ticks), renewed by {@link #renewLeases}. */
    private volatile Claim current;

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
        List<NudgeId> kept = nudges.renew(claim.owner(), ids, clock.instant().plus(LEASE));
        if (kept.size() < ids.size()) {
            log.warn("{} of {} nudges in delivery lost their lease to another scheduler; it delivers them",
                    ids.size() - kept.size(), ids.size());
            claim.held().retainAll(kept);
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
        Instant now = clock.instant();
        String claimOwner = owner + "#" + ticks.incrementAndGet();
        List<Nudge> claimed = nudges.claimDue(claimOwner, batchSize, now, LEASE);
        Set<NudgeId> held = ConcurrentHashMap.newKeySet();
        claimed.forEach(nudge -> held.add(nudge.id()));
        current = new Claim(claimOwner, held);
        try {
            return deliverClaimed(claimed, now);
        } finally {
            current = null;
        }
    }

    /** Prepares each claimed nudge (re-checked at send time), then delivers them per recipient. */
    private int deliverClaimed(List<Nudge> claimed, Instant now) {
        Map<UserRef, List<Prepared>> byRecipient = new LinkedHashMap<>();
        for (Nudge nudge : claimed) {
            try {
                // countSent sees only earlier ticks: this tick's own sends count against the daily cap too.
                int inThisTick = byRecipient.getOrDefault(nudge.recipient(), List.of()).size();
                prepare(nudge, now, inThisTick).ifPresent(prepared ->
                        byRecipient.computeIfAbsent(nudge.recipient(), key -> new ArrayList<>()).add(prepared));
            } catch (RuntimeException e) {
                log.warn("nudge {} could not be prepared: {}", nudge.id(), e.toString(), e);
                retryOrFail(List.of(nudge), e.toString(), Optional.empty(), false, now);
            }
        }
        int delivered = 0;
        for (Map.Entry<UserRef, List<Prepared>> entry : byRecipient.entrySet()) {
            delivered += deliver(entry.getKey(), entry.getValue(), now);
        }
        return delivered;
    }

    private record Prepared(Nudge nudge, Issue issue, Playbook playbook, NudgeMessage message) {
    }

    private Optional<Prepared> prepare(Nudge nudge, Instant now, int alreadyInThisTick) {
        Optional<Issue> issue = issues.find(nudge.issueId());
        Optional<Playbook> playbook = team.playbook(nudge.playbookId());
        if (issue.isEmpty() || playbook.isEmpty()) {
            settle(nudge.withStatus(NudgeStatus.CANCELLED), DeliveryOutcome.of(Kind.CANCELLED,
                    issue.isEmpty() ? "issue gone" : "playbook gone"));
            return Optional.empty();
        }
        ZoneId zone = team.zoneOf(nudge.recipient(), playbook);
        Instant dayStart = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        int sentToday = nudges.countSent(nudge.recipient(), dayStart, now.plusSeconds(1)) + alreadyInThisTick;
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
        return Optional.of(new Prepared(nudge, issue.get(), playbook.get(),
                renderer.render(nudge, issue.get(), step, zone, late, now)));
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
        for (Prepared prepared : batch) {
            Nudge sent = prepared.nudge().sent(now, prepared.message().late());
            if (!settle(sent, DeliveryOutcome.of(prepared.message().late() ? Kind.SENT_LATE : Kind.SENT, ""))) {
                continue;
            }
            planner.repeat(sent, prepared.issue(), prepared.playbook(), now).ifPresent(nudges::schedule);
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
        Claim claim = current;
        if (!nudges.updateClaimed(nudge, claim.owner())) {
            claim.held().remove(nudge.id());
            log.warn("nudge {} was taken over by another scheduler before its outcome ({}) was recorded; "
                    + "the outcome stays theirs", nudge.id(), outcome);
            return false;
        }
        log.debug("nudge {} {}: {}", nudge.id(), nudge.status(), outcome);
        listeners.forEach(listener -> listener.settled(nudge, outcome));
        return true;
    }

}
