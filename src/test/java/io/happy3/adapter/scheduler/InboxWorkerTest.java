package io.happy3.adapter.scheduler;

import io.happy3.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.adapter.memory.ForwardingInboxStore;
import io.happy3.adapter.memory.InMemoryInboxStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxEntry.InboxStatus;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.domain.inbox.InboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboxWorkerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryInboxStore store = new InMemoryInboxStore();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private InboxWorker worker;

    @AfterEach
    void closeWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    private InboxWorker worker(int maxAttempts, Consumer<InboxEntry> slackBehaviour) {
        InboxHandler slack = handler(Platform.SLACK, slackBehaviour);
        InboxHandler teams = handler(Platform.TEAMS, entry -> { });
        InboxWorker.Settings settings = new InboxWorker.Settings(2, 10, Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofSeconds(8), maxAttempts);
        worker = new InboxWorker(store, List.of(slack, teams), clock, "worker-1", settings);
        return worker;
    }

    private InboxHandler handler(Platform platform, Consumer<InboxEntry> behaviour) {
        return new InboxHandler() {
            @Override
            public Platform platform() {
                return platform;
            }

            @Override
            public void handle(InboxEntry entry) {
                behaviour.accept(entry);
                handled.add(entry.eventId());
            }
        };
    }

    private void append(Platform platform, String eventId, String key) {
        store.append(InboxEntry.received(platform, eventId, "T1", key, "event", "{\"text\":\"hi\"}", clock.instant()));
    }

    private void pollAndWait() throws InterruptedException {
        worker.poll();
        assertThat(worker.awaitIdle(WAIT)).isTrue();
    }

    private InboxEntry entry(String eventId) {
        return store.entries().stream().filter(entry -> entry.eventId().equals(eventId)).findFirst().orElseThrow();
    }

    @Test
    void poll_entriesOfTwoPlatforms_eachHandledByItsHandlerAndMarkedDone() throws InterruptedException {
        worker(10, entry -> { });
        append(Platform.SLACK, "s1", "a");
        append(Platform.TEAMS, "t1", "b");

        pollAndWait();

        assertThat(handled).containsExactlyInAnyOrder("s1", "t1");
        assertThat(store.entries()).allSatisfy(entry -> {
            assertThat(entry.status()).isEqualTo(InboxStatus.DONE);
            assertThat(entry.payload()).isEmpty();
        });
        assertThat(store.backlog()).isZero();
    }

    @Test
    void poll_oneKeyKeepsFailing_otherKeysGoOnAndItEndsFailedAfterMaxAttempts() throws InterruptedException {
        worker(3, entry -> {
            if (entry.eventId().equals("bad")) {
                throw new IllegalStateException("cannot parse " + entry.eventId());
            }
        });
        append(Platform.SLACK, "bad", "poison");
        append(Platform.SLACK, "bad-next", "poison");
        append(Platform.SLACK, "good-1", "fine");

        pollAndWait();
        append(Platform.SLACK, "good-2", "fine");
        pollAndWait();

        assertThat(handled).containsExactly("good-1", "good-2");
        assertThat(entry("bad").status()).isEqualTo(InboxStatus.PENDING);
        for (int attempt = 2; attempt <= 3; attempt++) {
            clock.advance(Duration.ofSeconds(8));
            pollAndWait();
        }
        assertThat(entry("bad").status()).isEqualTo(InboxStatus.FAILED);
        assertThat(entry("bad").attempts()).isEqualTo(3);
        assertThat(entry("bad").error()).hasValueSatisfying(error -> assertThat(error).contains("cannot parse bad"));
        pollAndWait();
        assertThat(handled).as(handled.toString()).containsExactly("good-1", "good-2", "bad-next");
    }

    @Test
    void poll_manyEntriesPerKey_handledInOrderPerKey() throws InterruptedException {
        Map<String, List<String>> perKey = new ConcurrentHashMap<>();
        worker(10, entry -> perKey.computeIfAbsent(entry.orderingKey(), key -> new CopyOnWriteArrayList<>())
                .add(entry.eventId()));
        for (int i = 0; i < 20; i++) {
            append(Platform.SLACK, "a" + i, "a");
            append(Platform.SLACK, "b" + i, "b");
        }

        for (int round = 0; round < 25 && store.backlog() > 0; round++) {
            pollAndWait();
        }

        assertThat(perKey.get("a")).containsExactlyElementsOf(List.of("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
                "a8", "a9", "a10", "a11", "a12", "a13", "a14", "a15", "a16", "a17", "a18", "a19"));
        assertThat(perKey.get("b")).hasSize(20).startsWith("b0", "b1").endsWith("b19");
    }

    @Test
    void poll_handlerLeavesWorkForAfterTheCommit_itRunsOnceTheEntryIsDone_neverForAFailedOne()
            throws InterruptedException {
        Map<String, InboxStatus> statusWhenFollowedUp = new ConcurrentHashMap<>();
        InboxHandler slack = new InboxHandler() {
            @Override
            public Platform platform() {
                return Platform.SLACK;
            }

            @Override
            public void handle(InboxEntry entry) {
                handleUntilCommit(entry).run();
            }

            @Override
            public Runnable handleUntilCommit(InboxEntry entry) {
                if (entry.eventId().equals("bad")) {
                    throw new IllegalStateException("cannot parse bad");
                }
                // An App Home published from here must show what the entry committed.
                return () -> statusWhenFollowedUp.put(entry.eventId(), entry(entry.eventId()).status());
            }
        };
        worker = new InboxWorker(store, List.of(slack), clock, "worker-1", new InboxWorker.Settings(2, 10,
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(8), 3));
        append(Platform.SLACK, "good", "a");
        append(Platform.SLACK, "bad", "b");

        pollAndWait();

        assertThat(statusWhenFollowedUp).containsExactly(Map.entry("good", InboxStatus.DONE));
        assertThat(entry("bad").status()).isEqualTo(InboxStatus.PENDING);
    }

    @Test
    void backoff_attempts_doublesUpToTheCap() {
        InboxWorker worker = worker(10, entry -> { });

        assertThat(worker.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(worker.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(worker.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(worker.backoff(9)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void drain_afterWork_returnsTrueAndClaimsNothingMore() throws InterruptedException {
        worker(10, entry -> { });
        append(Platform.SLACK, "s1", "a");
        pollAndWait();

        assertThat(worker.drain(WAIT)).isTrue();
        append(Platform.SLACK, "s2", "a");

        assertThat(worker.poll()).isZero();
        assertThat(entry("s2").payload()).isEqualTo(Optional.of("{\"text\":\"hi\"}"));
    }

    @Test
    void poll_backlogLargerThanTheThreads_onePollKeepsTheThreadsBusyUntilItIsEmpty() throws InterruptedException {
        worker(10, entry -> { });
        for (int i = 0; i < 30; i++) {
            append(Platform.SLACK, "e" + i, "key-" + i);
        }

        pollAndWait();

        assertThat(handled).hasSize(30);
        assertThat(store.backlog()).isZero();
    }

    @Test
    void poll_whileTheDatabaseIsDown_failsAndAfterwardsProcessesEverything() throws InterruptedException {
        AtomicBoolean down = new AtomicBoolean(true);
        InboxStore flaky = new ForwardingInboxStore(store) {
            @Override
            public List<InboxEntry> claim(String owner, int limit, Instant now, Duration lease) {
                if (down.get()) {
                    throw new IllegalStateException("database unavailable");
                }
                return super.claim(owner, limit, now, lease);
            }
        };
        worker = new InboxWorker(flaky, List.of(handler(Platform.SLACK, entry -> { })), clock, "worker-1",
                new InboxWorker.Settings(2, 10, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(8), 10));
        for (int i = 0; i < 5; i++) {
            append(Platform.SLACK, "e" + i, "key-" + i);
        }
        for (int outagePoll = 0; outagePoll < 5; outagePoll++) {
            assertThatThrownBy(worker::poll).hasMessage("database unavailable");
        }

        down.set(false);
        pollAndWait();

        assertThat(handled).hasSize(5);
        assertThat(store.backlog()).isZero();
    }
}
