package io.happy3.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.testing.MutableClock;
import io.happy3.testing.RecordingChatGateway;
import io.happy3.testing.TestPlaybooks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An event whose first run failed half-way — the issue saved, then the database went away before its
 * nudges were stored — runs again from the inbox, and the nudges it calls for are not lost.
 */
class InterruptedRunTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "UCUST");

    /**
     * The store, except that its first {@code schedule} or {@code scheduleAll} fails, as a database outage right
     * after the issue save.
     */
    private static NudgeStore failingFirstSchedule(NudgeStore store) {
        AtomicBoolean down = new AtomicBoolean(true);
        return (NudgeStore) Proxy.newProxyInstance(NudgeStore.class.getClassLoader(), new Class<?>[] {NudgeStore.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("schedule") && down.getAndSet(false)) {
                        throw new IllegalStateException("database unavailable");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void route_firstRunFailsAfterTheIssueWasSaved_theRedeliveredEventStillPlansItsNudge() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-17T09:00:00Z"));
        InMemoryIssueStore issues = new InMemoryIssueStore();
        InMemoryNudgeStore stored = new InMemoryNudgeStore();
        NudgeStore nudges = failingFirstSchedule(stored);
        Engine engine = new Engine(new Engine.Stores(issues, nudges, new InMemoryProudMomentStore(),
                new InMemoryChannelSettingsStore(), new InMemoryAgentPreferenceStore(), new InMemoryCustomerNoteStore(),
            new InMemoryDesiredResultStore(), new InMemoryCheckInStore()),
                PlaybookSource.of(List.of(TestPlaybooks.anyTime(List.of("C1"), Set.of("UANNA")))),
                AgentDirectory.none(), new RecordingChatGateway(), clock, ZoneOffset.UTC, "test");
        ChatEvent.MessagePosted opened = new ChatEvent.MessagePosted("ev-1", new MessageRef(CHANNEL, "m1"), CUSTOMER, false,
                Optional.empty(), "Our export fails with a timeout.", clock.instant());

        assertThatThrownBy(() -> engine.router().route(opened)).hasMessageContaining("database unavailable");
        assertThat(issues.find(IssueId.of(new MessageRef(CHANNEL, "m1")))).as("saved before the failure").isPresent();
        engine.router().route(opened); // the inbox hands the entry over again

        assertThat(stored.findByIssue(IssueId.of(new MessageRef(CHANNEL, "m1")))).extracting(nudge -> nudge.stepId().value())
                .contains("first-response");
        int planned = stored.findByIssue(IssueId.of(new MessageRef(CHANNEL, "m1"))).size();
        engine.router().route(opened);
        assertThat(stored.findByIssue(IssueId.of(new MessageRef(CHANNEL, "m1")))).as("a third run doubles nothing").hasSize(planned);
    }
}
