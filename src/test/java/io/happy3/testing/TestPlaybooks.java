package io.happy3.testing;

import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.playbook.StepId;
import io.happy3.domain.playbook.WorkingHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Playbooks built in code for tests: the Happy 3 steps of the shipped default playbook. */
public final class TestPlaybooks {
    private TestPlaybooks() {
    }

    public static Step firstResponse() {
        return new Step(new StepId("first-response"), IssueEventType.ISSUE_OPENED, Optional.of(IssueEventType.AGENT_REPLIED),
                Duration.ofMinutes(10), Recipient.CHANNEL_AGENTS,
                "{customer} has waited {waited} in {channel}. A quick hello now beats a perfect answer later.",
                List.of(NudgeAction.ON_IT, NudgeAction.SNOOZE), 1, Step.DEFAULT_EXPIRY);
    }

    public static Step confirmResult() {
        return new Step(new StepId("confirm-result"), IssueEventType.RESOLUTION_PROPOSED,
                Optional.of(IssueEventType.CUSTOMER_CONFIRMED), Duration.ofHours(2), Recipient.ISSUE_AGENT,
                "You said this is fixed. Has {customer} confirmed it works for them?",
                List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.ASKED_NOW, NudgeAction.NOT_RESOLVED,
                        NudgeAction.SNOOZE), 2, Step.DEFAULT_EXPIRY);
    }

    public static Step followUp() {
        return new Step(new StepId("follow-up"), IssueEventType.CUSTOMER_CONFIRMED, Optional.of(IssueEventType.FOLLOWED_UP),
                Duration.ofDays(3), Recipient.ISSUE_AGENT,
                "{customer} confirmed the fix 3 days ago. Check in: is everything still working?",
                List.of(NudgeAction.FOLLOWED_UP, NudgeAction.SKIP), 1, Duration.ofDays(2));
    }

    public static Step promiseDue() {
        return new Step(new StepId("promise-due"), IssueEventType.PROMISE_MADE, Optional.of(IssueEventType.AGENT_REPLIED),
                Duration.ZERO, Recipient.ISSUE_AGENT, "You promised {customer} an update by {due}.",
                List.of(NudgeAction.ON_IT, NudgeAction.SNOOZE), 1, Step.DEFAULT_EXPIRY);
    }

    /** The Happy 3 steps, nudging any time (no working hours), following {@code channels}. */
    public static Playbook anyTime(List<String> channels, Set<String> agents) {
        return playbook(channels, agents, Optional.empty(), Optional.empty(), 5);
    }

    /** {@link #anyTime} with at most {@code perAgentPerDay} nudges to an agent a day. */
    public static Playbook anyTime(List<String> channels, Set<String> agents, int perAgentPerDay) {
        return playbook(channels, agents, Optional.empty(), Optional.empty(), perAgentPerDay);
    }

    /** The Happy 3 steps with Mon–Fri 09:00–18:00 working hours in {@code zone}. */
    public static Playbook officeHours(List<String> channels, Set<String> agents, ZoneId zone) {
        WorkingHours hours = new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
                LocalTime.of(18, 0));
        return playbook(channels, agents, Optional.of(zone), Optional.of(hours), 5);
    }

    private static Playbook playbook(List<String> channels, Set<String> agents, Optional<ZoneId> zone,
                                     Optional<WorkingHours> hours, int perAgentPerDay) {
        return new Playbook(PlaybookId.DEFAULT, "test", channels, agents, Set.of(), zone, hours, Map.of(),
                List.of(firstResponse(), confirmResult(), followUp(), promiseDue()),
                Playbook.DEFAULT_RESPONSE_TARGET, Playbook.DEFAULT_STALE_AFTER, perAgentPerDay, Optional.empty());
    }
}
