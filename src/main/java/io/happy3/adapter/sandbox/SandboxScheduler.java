package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import io.happy3.app.Engine;
import io.happy3.app.RunWeeklyRituals;
import io.happy3.domain.nudge.NudgeStore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The scheduler's work while the sandbox clock moves: the engine's delivery tick at every due nudge, the weekly
 * rituals at each ritual's time, and the stale sweep at the end: the same ticks a server runs on the real clock,
 * without the idle minutes between them. Not thread-safe: the {@link Sandbox} calls it under its lock.
 */
final class SandboxScheduler {
    private final Engine engine;
    private final NudgeStore nudges;
    private final RunWeeklyRituals rituals;
    private final RunWeeklyRituals.Times times;
    private final SandboxClock clock;

    SandboxScheduler(Engine engine, NudgeStore nudges, RunWeeklyRituals rituals, RunWeeklyRituals.Times times,
                     SandboxClock clock) {
        this.engine = requireNonNull(engine, "engine == null");
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.rituals = requireNonNull(rituals, "rituals == null");
        this.times = requireNonNull(times, "times == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Moves the clock to {@code target} (rituals in {@code zone}), doing whatever falls due on the way. */
    void runUntil(Instant target, ZoneId zone) {
        engine.delivery().tick();
        while (clock.instant().isBefore(target)) {
            Instant now = clock.instant();
            Instant nextRitual = earliest(next(now, zone, times.promptDay(), times.promptTime()),
                    next(now, zone, times.digestDay(), times.digestTime()));
            Instant next = nudges.nextDue().filter(due -> due.isAfter(now)).orElse(target);
            next = earliest(earliest(next, nextRitual), target);
            clock.set(next);
            engine.delivery().tick();
            if (next.equals(nextRitual)) {
                rituals.tick();
            }
        }
        engine.quietIssues().sweep();
    }

    /** The first {@code day} at {@code time} in {@code zone} strictly after {@code now}. */
    static Instant next(Instant now, ZoneId zone, DayOfWeek day, LocalTime time) {
        ZonedDateTime candidate = now.atZone(zone).with(TemporalAdjusters.nextOrSame(day)).with(time);
        return candidate.toInstant().isAfter(now) ? candidate.toInstant() : candidate.plusWeeks(1).with(time)
                .toInstant();
    }

    private static Instant earliest(Instant first, Instant second) {
        return first.isBefore(second) ? first : second;
    }
}
