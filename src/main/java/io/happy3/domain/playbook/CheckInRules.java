package io.happy3.domain.playbook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A playbook's {@code check_ins:} rules for the weekly proactive check-in list: how many check-ins per agent
 * per week (the quota), customers gone quiet for {@code quietAfter}, "is it still working?" at each of
 * {@code afterConfirmed} after a confirmed fix, and customers whose issue bounced back.
 */
public record CheckInRules(int perAgentPerWeek, Optional<Duration> quietAfter, List<Duration> afterConfirmed,
                           boolean afterBounceBack) {
    public static final int DEFAULT_PER_AGENT_PER_WEEK = 25;

    public CheckInRules {
        if (perAgentPerWeek < 1) {
            throw new IllegalArgumentException("perAgentPerWeek < 1: " + perAgentPerWeek);
        }
        requireNonNull(quietAfter, "quietAfter == null");
        afterConfirmed = List.copyOf(afterConfirmed);
    }
}
