package io.happy3.domain.playbook;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.signal.Signal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A team's coaching policy, loaded from a YAML file (DESIGN.md, "Playbooks"). {@code channels} and
 * {@code agents} are platform ids; an empty {@code channels} list means the playbook applies only to
 * channels followed with {@code /happy3 follow <id>}. {@code responseTarget} is how long a customer
 * message may wait for an agent before the review counts it as left waiting; {@code staleAfter} is
 * how long an issue may sit without activity before it closes unverified. {@code checkIns} are the rules of the
 * weekly proactive check-in list, when the playbook has them.
 */
public record Playbook(PlaybookId id, String source, List<String> channels, Set<String> agents, Set<String> leads,
                       Optional<ZoneId> timezone, Optional<WorkingHours> workingHours,
                       Map<Signal, List<String>> signals, List<Step> steps, Duration responseTarget,
                       Duration staleAfter, int maxNudgesPerAgentPerDay, Optional<CheckInRules> checkIns) {
    public static final Duration DEFAULT_RESPONSE_TARGET = Duration.ofMinutes(15);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(7);
    public static final int DEFAULT_MAX_NUDGES_PER_AGENT_PER_DAY = 30;

    public Playbook {
        requireNonNull(id, "id == null");
        requireNonNull(source, "source == null");
        channels = List.copyOf(channels);
        agents = Set.copyOf(agents);
        leads = Set.copyOf(leads);
        requireNonNull(timezone, "timezone == null");
        requireNonNull(workingHours, "workingHours == null");
        signals = Map.copyOf(signals);
        steps = List.copyOf(steps);
        requireNonNull(responseTarget, "responseTarget == null");
        requireNonNull(staleAfter, "staleAfter == null");
        requireNonNull(checkIns, "checkIns == null");
    }

    public Optional<Step> step(StepId stepId) {
        return steps.stream().filter(step -> step.id().equals(stepId)).findFirst();
    }
}
