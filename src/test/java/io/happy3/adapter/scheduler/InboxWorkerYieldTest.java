package io.happy3.adapter.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.ForwardingInboxStore;
import io.happy3.adapter.memory.InMemoryInboxStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxHandler;
import io.happy3.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ack path goes first: while a surge keeps acknowledgements waiting for their commit, the inbox worker does
 * not claim its next entry (the CPU answers the platform), and it still drains the backlog when the surge lasts.
 */
class InboxWorkerYieldTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final PressuredInbox store = new PressuredInbox(new InMemoryInboxStore());
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private InboxWorker worker;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
    }

    private void start(Duration maxYield) {
        InboxHandler slack = new InboxHandler() {
            @Override
            public Platform platform() {
                return Platform.SLACK;
            }

            @Override
            public void handle(InboxEntry entry) {
                handled.add(entry.eventId());
            }
        };
        worker = new InboxWorker(store, List.of(slack), clock, "worker-1", new InboxWorker.Settings(1, 1,
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(8), 10), maxYield);
        for (String id : List.of("Ev1", "Ev2", "Ev3")) {
            store.append(InboxEntry.received(Platform.SLACK, id, "T1", "C1:" + id, "event", "{}", clock.instant()));
        }
    }

    @Test
    void acksWaitingForTheirCommit_workerClaimsNoFurtherEntry_untilTheQueueShrinks() throws Exception {
        start(Duration.ofHours(1));
        store.acksWaiting.set(InboxWorker.ACK_PRESSURE);

        worker.poll();
        await(() -> handled.size() == 1 && store.pressureChecks.get() >= 20); // done with Ev1, checked 20 times since
        assertThat(handled).containsExactly("Ev1");
        assertThat(store.claims.get()).isEqualTo(1);

        store.acksWaiting.set(InboxWorker.ACK_PRESSURE - 1);
        await(() -> handled.size() == 3);
        assertThat(handled).containsExactly("Ev1", "Ev2", "Ev3");
    }

    @Test
    void surgeThatDoesNotEnd_backlogStillDrains() throws Exception {
        start(Duration.ofMillis(20));
        store.acksWaiting.set(1_000);

        worker.poll();

        await(() -> handled.size() == 3);
        assertThat(store.backlog()).isZero();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** An in-memory inbox whose ack queue the test sets, counting claims and how often the queue was asked. */
    private static final class PressuredInbox extends ForwardingInboxStore {
        final AtomicInteger acksWaiting = new AtomicInteger();
        final AtomicInteger pressureChecks = new AtomicInteger();
        final AtomicInteger claims = new AtomicInteger();

        PressuredInbox(InMemoryInboxStore delegate) {
            super(delegate);
        }

        @Override
        public int acksWaiting() {
            pressureChecks.incrementAndGet();
            return acksWaiting.get();
        }

        @Override
        public List<InboxEntry> claim(String owner, int limit, Instant now, Duration lease) {
            claims.incrementAndGet();
            return super.claim(owner, limit, now, lease);
        }
    }
}
