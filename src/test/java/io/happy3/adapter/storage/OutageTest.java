package io.happy3.adapter.storage;

import io.happy3.testing.TcpProxy;
import io.happy3.testing.MutableClock;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.nudge.Nudge;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A database outage, staged with a TCP proxy between the pool and PostgreSQL: calls fail fast with
 * {@link StorageUnavailableException}, readiness says so, and the same store works again, with nothing
 * lost, once the database answers again.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL_VARIABLE, matches = ".+")
class OutageTest {
    /**
     * Well under the 30 s socket timeout a hung call would wait, and well above the pool's 2 s connection
     * timeout, so a loaded machine (the test shares two cores with builds) does not make it flaky.
     */
    private static final Duration FAST = Duration.ofSeconds(15);

    @Test
    void storeCalls_databaseGoneThenBack_failFastThenRecoverWithoutRestart() throws Exception {
        String schemaUrl = TestDatabases.createPostgresSchema();
        URI target = URI.create(schemaUrl.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
             TestDatabase test = TestDatabases.postgres(schemaUrl.replace(target.getHost() + ":" + target.getPort(),
                     "127.0.0.1:" + proxy.port()))) {
            Database database = test.database();
            MutableClock clock = new MutableClock(T0);
            JdbcInboxStore inbox = new JdbcInboxStore(database, clock);
            JdbcNudgeStore nudges = new JdbcNudgeStore(database);
            assertThat(inbox.append(entry("before"))).isTrue();
            Nudge nudge = Fixtures.nudge("k-before", T0);
            assertThat(nudges.schedule(nudge)).isTrue();

            proxy.stop();

            assertUnavailableQuickly(() -> inbox.append(entry("during")));
            assertUnavailableQuickly(() -> nudges.claimDue("a", 10, T0, Duration.ofMinutes(1)));
            assertUnavailableQuickly(inbox::backlog);
            Instant checked = Instant.now();
            assertThat(database.isReachable()).isFalse();
            assertThat(Duration.between(checked, Instant.now())).isLessThan(FAST);

            proxy.start();

            assertThat(eventually(() -> inbox.append(entry("during")))).isTrue();
            assertThat(database.isReachable()).isTrue();
            assertThat(inbox.backlog()).isEqualTo(2);
            assertThat(nudges.claimDue("a", 10, T0, Duration.ofMinutes(1))).containsExactly(nudge);
        }
    }

    private static InboxEntry entry(String eventId) {
        return InboxEntry.received(Platform.SLACK, eventId, "T1", eventId, "event_callback", "{}", T0);
    }

    private static void assertUnavailableQuickly(Runnable call) {
        Instant started = Instant.now();
        assertThatThrownBy(call::run).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("database unavailable");
        assertThat(Duration.between(started, Instant.now())).isLessThan(FAST);
    }

    /** Retries a call for up to ten seconds while the pool reconnects. */
    private static <T> T eventually(java.util.function.Supplier<T> call) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            try {
                return call.get();
            } catch (StorageUnavailableException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
