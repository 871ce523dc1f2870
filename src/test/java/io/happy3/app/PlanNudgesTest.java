package io.happy3.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueTracker;
import io.happy3.domain.issue.MessageFacts;
import io.happy3.domain.issue.Role;
import io.happy3.domain.issue.Transition;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgePlanner;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.Playbook;
import io.happy3.testing.MutableClock;
import io.happy3.testing.TestPlaybooks;
import java.time.Instant;
import java.time.ZoneOffset;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PlanNudges on its own: no engine, no gateway, just a store, a planner and a clock. */
class PlanNudgesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "UCUSTOMER");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");

    private final InMemoryNudgeStore nudges = new InMemoryNudgeStore();
    private final MutableClock clock = new MutableClock(T0);
    private final PlanNudges plan = new PlanNudges(nudges, new NudgePlanner((user, playbook) -> ZoneOffset.UTC),
            clock);
    private final Playbook playbook = TestPlaybooks.anyTime(List.of("C1"), Set.of("UANNA"));
    private final ChannelContext context = new ChannelContext(CHANNEL, playbook, Set.of(ANNA), Set.of());
    private final IssueTracker tracker = new IssueTracker();

    private Transition opened() {
        MessageFacts facts = new MessageFacts(new MessageRef(CHANNEL, "m1"), CUSTOMER, Role.CUSTOMER, Optional.empty(), T0,
                List.of(), false);
        return tracker.onMessage(Optional.empty(), facts, playbook.id(), List.of()).orElseThrow();
    }

    @Test
    void afterTransition_issueOpened_schedulesTheFirstResponseNudge_andAReplayDoesNotDoubleIt() {
        Transition opened = opened();

        plan.afterTransition(opened, context);
        plan.replay(opened.issue(), "m1", context);

        List<Nudge> planned = nudges.findByIssue(IssueId.of(new MessageRef(CHANNEL, "m1")));
        assertThat(planned).extracting(nudge -> nudge.stepId().value()).containsExactly("first-response");
        assertThat(planned.get(0).recipient()).isEqualTo(ANNA);
        assertThat(planned.get(0).status()).isEqualTo(NudgeStatus.PENDING);
    }

    @Test
    void afterTransition_agentReplied_cancelsTheWaitingFirstResponseNudge() {
        Transition opened = opened();
        plan.afterTransition(opened, context);
        clock.advance(java.time.Duration.ofMinutes(3));
        MessageFacts reply = new MessageFacts(new MessageRef(CHANNEL, "m2"), ANNA, Role.AGENT, Optional.of("m1"), clock.instant(),
                List.of(), false);
        // The issue as the store gives it back after its first save (version 1).
        Transition replied = tracker.onMessage(Optional.of(opened.issue().atVersion(1)), reply, playbook.id(),
                List.of()).orElseThrow();

        plan.afterTransition(replied, context);

        assertThat(nudges.findByIssue(IssueId.of(new MessageRef(CHANNEL, "m1")))).extracting(Nudge::status)
                .containsExactly(NudgeStatus.CANCELLED);
    }

    @Test
    void afterTransition_issueSavedForTheFirstTime_settlesTheNudgesItScheduledWithoutReadingTheStore() {
        List<Object> reads = new ArrayList<>();
        // The in-memory store, recording which issues' nudges are read.
        NudgeStore counted = (NudgeStore) Proxy.newProxyInstance(NudgeStore.class.getClassLoader(),
                new Class<?>[] {NudgeStore.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("findByIssue")) {
                        reads.add(arguments[0]);
                    }
                    return method.invoke(nudges, arguments);
                });
        PlanNudges planning = new PlanNudges(counted, new NudgePlanner((user, playbook) -> ZoneOffset.UTC), clock);

        planning.afterTransition(opened(), context);

        // A new issue has no stored nudges: the read would be a database round trip for nothing (issue 17).
        assertThat(reads).isEmpty();
        assertThat(nudges.findByIssue(IssueId.of(new MessageRef(CHANNEL, "m1")))).extracting(Nudge::status)
                .containsExactly(NudgeStatus.PENDING);
    }
}
