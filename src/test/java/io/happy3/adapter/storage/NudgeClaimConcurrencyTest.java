package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.nudge.NudgeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two scheduler instances (two stores over two pools, two threads each) drain 2,000 due nudges from one
 * database: every nudge must be delivered exactly once.
 */
class NudgeClaimConcurrencyTest {
    private static final int NUDGES = 2_000;
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Test
    void claimDue_fourThreadsOnOneInMemoryStore_deliverEachNudgeOnce() throws Exception {
        NudgeStore store = new io.happy3.adapter.memory.InMemoryNudgeStore();
        deliverAllOnce("memory", store, store);
    }

    @Test
    void claimDue_twoSchedulersOnH2_deliverEachNudgeOnce() throws Exception {
        String url = "jdbc:h2:mem:claims-" + System.nanoTime();
        try (Database first = Database.open(url, "", ""); Database second = Database.open(url, "", "")) {
            deliverAllOnce("h2", new JdbcNudgeStore(first), new JdbcNudgeStore(second));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL_VARIABLE, matches = ".+")
    void claimDue_twoSchedulersOnPostgres_deliverEachNudgeOnce() throws Exception {
        String schemaUrl = TestDatabases.createPostgresSchema();
        try (TestDatabase first = TestDatabases.postgres(schemaUrl);
             Database second = Database.open(schemaUrl, "", "")) {
            deliverAllOnce("postgresql", new JdbcNudgeStore(first.database()), new JdbcNudgeStore(second));
        }
    }

    /**
     * The heartbeat renews a round's leases while the delivery threads write their SENT marks: neither may fail
     * (a deadlock rolled SENT marks back after their post, and those nudges went out twice; BENCHMARKS.md).
     */
    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL_VARIABLE, matches = ".+")
    void renewWhileSentMarksAreWritten_onPostgres_neitherFails() throws Exception {
        String schemaUrl = TestDatabases.createPostgresSchema();
        try (TestDatabase database = TestDatabases.postgres(schemaUrl)) {
            NudgeStore store = new JdbcNudgeStore(database.database());
            for (int i = 0; i < 400; i++) {
                store.schedule(Fixtures.nudge("issue-" + i, T0.minusSeconds(i % 60)));
            }
            List<Nudge> claimed = store.claimDue("round-1", 400, T0, LEASE);
            List<NudgeId> ids = claimed.stream().map(Nudge::id).sorted(java.util.Comparator.comparing(NudgeId::value))
                    .toList();
            ExecutorService threads = Executors.newFixedThreadPool(5);
            java.util.concurrent.atomic.AtomicBoolean marking = new java.util.concurrent.atomic.AtomicBoolean(true);
            Future<Integer> heartbeat = threads.submit(() -> {
                int renewals = 0;
                while (marking.get()) {
                    store.renew("round-1", ids, T0.plus(LEASE));
                    renewals++;
                }
                return renewals;
            });
            List<Future<?>> markers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                markers.add(threads.submit(() -> {
                    for (int from = claimed.size() - 10 * (first + 1); from >= 0; from -= 40) {
                        List<Nudge> message = new ArrayList<>(claimed.subList(from, from + 10));
                        java.util.Collections.reverse(message); // against the heartbeat's order
                        store.updateClaimed(message.stream().map(nudge -> nudge.sent(T0, false)).toList(), "round-1");
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> marker : markers) {
                    marker.get(90, TimeUnit.SECONDS);
                }
            } finally {
                marking.set(false);
            }
            assertThat(heartbeat.get(90, TimeUnit.SECONDS)).isPositive();
            threads.shutdown();
            assertThat(store.findDueBetween("T1", T0.minusSeconds(3600), T0.plusSeconds(1)))
                    .hasSize(400).allMatch(nudge -> nudge.status() == NudgeStatus.SENT);
        }
    }

    private static void deliverAllOnce(String name, NudgeStore schedulerA, NudgeStore schedulerB) throws Exception {
        long scheduling = System.nanoTime();
        schedule(schedulerA);
        System.out.printf("%s: scheduled %d nudges in %d ms%n", name, NUDGES,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scheduling));
        Map<NudgeId, Integer> deliveries = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        List<Future<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NudgeStore store = i % 2 == 0 ? schedulerA : schedulerB;
            String owner = (i % 2 == 0 ? "replica-a-" : "replica-b-") + i;
            workers.add(threads.submit(() -> claimUntilEmpty(store, owner, deliveries)));
        }
        List<Integer> perWorker = new ArrayList<>();
        for (Future<Integer> worker : workers) {
            perWorker.add(worker.get(90, TimeUnit.SECONDS));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        threads.shutdown();
        System.out.printf("%s: 2 schedulers x 2 threads delivered %d nudges in %d ms (%.0f/s), per thread %s%n",
                name, deliveries.size(), millis, deliveries.size() * 1000.0 / Math.max(millis, 1), perWorker);

        assertThat(deliveries).hasSize(NUDGES);
        assertThat(deliveries.values()).allMatch(count -> count == 1);
        assertThat(schedulerB.findDueBetween("T1", T0.minusSeconds(3600), T0.plusSeconds(1)))
                .hasSize(NUDGES)
                .allMatch(nudge -> nudge.status() == NudgeStatus.SENT);
    }

    /** Schedules the nudges from two threads, which halves the setup time on PostgreSQL. */
    private static void schedule(NudgeStore store) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<?>> halves = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
            int first = half;
            halves.add(threads.submit(() -> {
                for (int i = first; i < NUDGES; i += 2) {
                    store.schedule(Fixtures.nudge("issue-" + i, T0.minusSeconds(i % 60)));
                }
            }));
        }
        for (Future<?> each : halves) {
            each.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
    }

    private static int claimUntilEmpty(NudgeStore store, String owner, Map<NudgeId, Integer> deliveries) {
        int delivered = 0;
        while (true) {
            List<Nudge> claimed = store.claimDue(owner, 10, T0, LEASE);
            if (claimed.isEmpty()) {
                return delivered;
            }
            for (Nudge nudge : claimed) {
                deliveries.merge(nudge.id(), 1, Integer::sum);
                store.update(nudge.sent(T0, false));
                delivered++;
            }
        }
    }
}
