package io.happy3.adapter.storage;

import io.happy3.testing.MutableClock;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two replicas (two stores over two pools, two threads each) drain one inbox: every entry is processed
 * once, never two entries of one ordering key at the same time, and each key's entries in arrival order.
 */
class InboxClaimConcurrencyTest {
    private static final int ENTRIES = 400;
    private static final int KEYS = 20;

    @Test
    void claim_twoReplicasOnH2_processEachEntryOnceInOrderPerKey() throws Exception {
        String url = "jdbc:h2:mem:inbox-claims-" + System.nanoTime();
        try (Database first = Database.open(url, "", ""); Database second = Database.open(url, "", "")) {
            drainOnce(new JdbcInboxStore(first, new MutableClock(T0)), new JdbcInboxStore(second, new MutableClock(T0)));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL_VARIABLE, matches = ".+")
    void claim_twoReplicasOnPostgres_processEachEntryOnceInOrderPerKey() throws Exception {
        String schemaUrl = TestDatabases.createPostgresSchema();
        try (TestDatabase first = TestDatabases.postgres(schemaUrl);
             Database second = Database.open(schemaUrl, "", "")) {
            drainOnce(new JdbcInboxStore(first.database(), new MutableClock(T0)),
                    new JdbcInboxStore(second, new MutableClock(T0)));
        }
    }

    private static void drainOnce(InboxStore replicaA, InboxStore replicaB) throws Exception {
        for (int i = 0; i < ENTRIES; i++) {
            replicaA.append(InboxEntry.received(Platform.SLACK, "Ev" + i, "T1", "issue-" + (i % KEYS), "event",
                    "{}", T0.plusMillis(i)));
        }
        Map<String, List<Long>> perKey = new ConcurrentHashMap<>();
        Map<String, String> inProgress = new ConcurrentHashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            InboxStore store = i % 2 == 0 ? replicaA : replicaB;
            String owner = "worker-" + i;
            workers.add(threads.submit(() -> {
                while (store.backlog() > 0) {
                    for (InboxEntry entry : store.claim(owner, 5, T0.plusSeconds(10), Duration.ofMinutes(5))) {
                        if (inProgress.putIfAbsent(entry.orderingKey(), owner) != null) {
                            overlaps.add(entry.eventId());
                        }
                        perKey.computeIfAbsent(entry.orderingKey(), key -> new CopyOnWriteArrayList<>())
                                .add(entry.sequence());
                        inProgress.remove(entry.orderingKey());
                        store.markDone(entry);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(90, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(overlaps).isEmpty();
        assertThat(perKey).hasSize(KEYS);
        assertThat(perKey.values().stream().mapToInt(List::size).sum()).isEqualTo(ENTRIES);
        assertThat(perKey.values()).allSatisfy(sequences -> assertThat(sequences).isSorted().doesNotHaveDuplicates());
    }
}
