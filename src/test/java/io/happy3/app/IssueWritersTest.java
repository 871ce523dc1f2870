package io.happy3.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.InMemoryAgentPreferenceStore;
import io.happy3.adapter.memory.InMemoryChannelSettingsStore;
import io.happy3.adapter.memory.InMemoryCustomerNoteStore;
import io.happy3.adapter.memory.InMemoryCheckInStore;
import io.happy3.adapter.memory.InMemoryDesiredResultStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.memory.InMemoryProudMomentStore;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueChangedConcurrentlyException;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.testing.MutableClock;
import io.happy3.testing.RecordingChatGateway;
import io.happy3.testing.TestPlaybooks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two writers of one issue at the same moment, the way production runs them: a customer's ✅ on a thread
 * reply (inbox key of the reply, not of the thread), an agent's button press answered on the HTTP thread, and
 * a message in the thread. Neither writer's change may be lost, in one process or across two replicas.
 */
class IssueWritersTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "UCUST");
    private static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");
    private static final IssueId ISSUE = IssueId.of(new MessageRef(CHANNEL, "m1"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-17T09:00:00Z"));
    private final GatedIssueStore issues = new GatedIssueStore(new InMemoryIssueStore());
    private final InMemoryNudgeStore nudges = new InMemoryNudgeStore();
    private final Engine.Stores stores = new Engine.Stores(issues, nudges, new InMemoryProudMomentStore(),
            new InMemoryChannelSettingsStore(), new InMemoryAgentPreferenceStore(), new InMemoryCustomerNoteStore(),
            new InMemoryDesiredResultStore(), new InMemoryCheckInStore());
    private final RecordingChatGateway gateway = new RecordingChatGateway();
    private final Engine replicaA = engine(stores);
    private final Engine replicaB = engine(stores);

    private Engine engine(Engine.Stores shared) {
        return new Engine(shared, PlaybookSource.of(List.of(TestPlaybooks.anyTime(List.of("C1"), Set.of("UANNA")))),
                AgentDirectory.none(), gateway, clock, ZoneOffset.UTC, "test");
    }

    private static ChatEvent.MessagePosted message(String id, UserRef who, String rootId, String text, Instant at) {
        return new ChatEvent.MessagePosted("ev-" + id, new MessageRef(CHANNEL, id), who, false, Optional.ofNullable(rootId), text,
                at);
    }

    private void fixProposed(Engine engine) {
        engine.router().route(message("m1", CUSTOMER, null, "Our export fails with a timeout.", clock.instant()));
        engine.router().route(message("m2", ANNA, "m1", "I deployed a fix, it should work now.", clock.instant()));
    }

    private Issue issue() {
        return issues.find(ISSUE).orElseThrow();
    }

    @Test
    void reactionOnReplyAndThreadMessage_onTwoReplicasAtOnce_bothAreKept() throws Exception {
        fixProposed(replicaA);
        clock.advance(Duration.ofMinutes(5));
        // The ✅ lands on the agent's reply m2: Slack sends no thread_ts, so the inbox orders it under C1:m2.
        ChatEvent.ReactionAdded tick = new ChatEvent.ReactionAdded("ev-r", new MessageRef(CHANNEL, "m2"), CUSTOMER, false,
                Optional.empty(), Reaction.CONFIRM, clock.instant());
        ChatEvent.MessagePosted reply = message("m3", ANNA, "m1", "Great, I'll keep an eye on it.",
                clock.instant().plusSeconds(1));

        issues.holdFirstSaveOf("reaction", Duration.ofSeconds(10));
        Outcome reaction = Outcome.start("reaction", () -> replicaA.router().route(tick));
        assertThat(issues.holderAtSave.await(10, TimeUnit.SECONDS)).isTrue();
        Outcome message = Outcome.start("message", () -> replicaB.router().route(reply));
        reaction.join();
        message.join();

        assertThat(issues.conflicts).as("the reaction's first save was based on a stale read").hasValue(1);
        assertThat(issue().state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(issue().last(IssueEventType.CUSTOMER_CONFIRMED).flatMap(IssueEvent::evidence))
                .contains(Evidence.CUSTOMER_REACTION);
        assertThat(issue().events(IssueEventType.AGENT_REPLIED)).extracting(event -> event.messageId().orElse(""))
                .contains("m3");
    }

    @Test
    void buttonPressAndThreadMessage_inOneProcessAtOnce_runOneAfterTheOther() throws Exception {
        fixProposed(replicaA);
        for (int minute = 0; minute < 121; minute++) {
            clock.advance(Duration.ofMinutes(1));
            replicaA.delivery().tick();
        }
        Nudge confirm = delivered("confirm-result");
        ChatEvent.ActionChosen press = new ChatEvent.ActionChosen("p1", ANNA, confirm.id().value(),
                "customer_confirmed", "", "r", clock.instant());
        ChatEvent.MessagePosted reply = message("m3", ANNA, "m1", "Let me know if anything else comes up.",
                clock.instant().plusSeconds(1));

        // The press (a Teams card action on the HTTP thread) pauses just before it saves; the message, handled
        // by the same process, must wait for it instead of reading the issue in between.
        issues.holdFirstSaveOf("press", Duration.ofMillis(300));
        Outcome pressed = Outcome.start("press", () -> replicaA.router().route(press));
        assertThat(issues.holderAtSave.await(10, TimeUnit.SECONDS)).isTrue();
        Outcome message = Outcome.start("message", () -> replicaA.router().route(reply));
        pressed.join();
        message.join();

        assertThat(issues.conflicts).as("no write was based on a read the other writer overtook").hasValue(0);
        assertThat(issue().state()).isEqualTo(IssueState.CONFIRMED);
        assertThat(issue().last(IssueEventType.CUSTOMER_CONFIRMED).flatMap(IssueEvent::evidence))
                .contains(Evidence.AGENT_ATTESTED);
        assertThat(issue().events(IssueEventType.AGENT_REPLIED)).extracting(event -> event.messageId().orElse(""))
                .containsExactly("m2", "m3");
    }

    @Test
    void staleSweepAndLateMessage_atOnce_theMessageIsNotOverwritten() throws Exception {
        replicaA.router().route(message("m1", CUSTOMER, null, "Our export fails with a timeout.", clock.instant()));
        clock.advance(Duration.ofDays(15));
        ChatEvent.MessagePosted late = message("m2", CUSTOMER, "m1", "Hello? Still failing.", clock.instant());

        issues.holdFirstSaveOf("message", Duration.ofSeconds(10));
        Outcome message = Outcome.start("message", () -> replicaB.router().route(late));
        assertThat(issues.holderAtSave.await(10, TimeUnit.SECONDS)).isTrue();
        Outcome sweep = Outcome.start("sweep", () -> replicaA.quietIssues().sweep());
        sweep.join();
        message.join();

        assertThat(issues.conflicts).hasValue(1);
        assertThat(issue().events(IssueEventType.CUSTOMER_REPLIED)).extracting(event -> event.messageId().orElse(""))
                .containsExactly("m2");
    }

    private Nudge delivered(String step) {
        return nudges.findByIssue(ISSUE).stream()
                .filter(nudge -> nudge.stepId().value().equals(step) && nudge.sentAt().isPresent()).findFirst().orElseThrow();
    }

    /** A writer on its own thread; {@link #join} rethrows what it threw. */
    private record Outcome(Thread thread, AtomicReference<Throwable> failure) {
        static Outcome start(String name, Runnable work) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    work.run();
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, name);
            thread.start();
            return new Outcome(thread, failure);
        }

        void join() throws Exception {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
            if (failure.get() != null) {
                throw new AssertionError(thread.getName() + " failed", failure.get());
            }
        }
    }

    /**
     * An issue store that holds the first save of one named thread until another thread has saved (or the hold
     * runs out), and counts the saves the version check refused.
     */
    private static final class GatedIssueStore implements IssueStore {
        private final IssueStore delegate;
        private final CountDownLatch holderAtSave = new CountDownLatch(1);
        private final CountDownLatch otherSaved = new CountDownLatch(1);
        private final AtomicInteger conflicts = new AtomicInteger();
        private volatile String holder = "";
        private volatile Duration hold = Duration.ZERO;

        GatedIssueStore(IssueStore delegate) {
            this.delegate = delegate;
        }

        void holdFirstSaveOf(String threadName, Duration maximum) {
            holder = threadName;
            hold = maximum;
        }

        @Override
        public void save(Issue issue) {
            boolean holding = Thread.currentThread().getName().equals(holder);
            if (holding && holderAtSave.getCount() > 0) {
                holderAtSave.countDown();
                try {
                    otherSaved.await(hold.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                delegate.save(issue);
            } catch (IssueChangedConcurrentlyException e) {
                conflicts.incrementAndGet();
                throw e;
            }
            if (!holding && !holder.isEmpty()) {
                otherSaved.countDown();
            }
        }

        @Override
        public Optional<Issue> find(IssueId id) {
            return delegate.find(id);
        }

        @Override
        public Optional<Issue> findByMessage(MessageRef message) {
            return delegate.findByMessage(message);
        }

        @Override
        public List<Issue> findByCustomer(ChannelRef channel, UserRef customer, Instant since) {
            return delegate.findByCustomer(channel, customer, since);
        }

        @Override
        public List<Issue> findActiveBetween(String tenant, Instant from, Instant to) {
            return delegate.findActiveBetween(tenant, from, to);
        }

        @Override
        public List<Issue> findActive() {
            return delegate.findActive();
        }
    }
}
