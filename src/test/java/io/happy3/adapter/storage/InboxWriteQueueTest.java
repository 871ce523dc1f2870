package io.happy3.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.testing.MutableClock;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The group commit's queue is bounded: while the database does not answer, requests beyond the bound are
 * refused at once with "unavailable" (the platform redelivers them) instead of piling up in the heap, and
 * the rows already queued are still written once the database answers.
 */
class InboxWriteQueueTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void appendsBeyondTheQueueBound_areRefusedAtOnce_andTheQueuedOnesStillCommit() throws Exception {
        String url = "jdbc:h2:mem:inbox-queue-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Database database = Database.open(url, "", "")) {
            GatedDataSource gated = new GatedDataSource(url);
            InboxBatchWriter writer = new InboxBatchWriter(new Jdbc(gated),
                    new InboxBatchWriter.Settings(1, 1, Duration.ofSeconds(30), 1));
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> first = callers.submit(() -> writer.append(entry("Ev1")));
                await(() -> gated.waiting.get() == 1 && writer.queued() == 0); // the committer holds Ev1
                Future<Boolean> second = callers.submit(() -> writer.append(entry("Ev2")));
                await(() -> writer.queued() == 1); // Ev2 fills the queue

                long before = System.nanoTime();
                assertThatThrownBy(() -> writer.append(entry("Ev3"))).isInstanceOf(StorageUnavailableException.class)
                        .hasMessageContaining("Ev3");
                assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));

                gated.open.countDown();
                assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
                assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
                assertThat(database.jdbc().queryOne("count", "select count(*) from inbox", statement -> { },
                        rows -> rows.getLong(1))).contains(2L);
            } finally {
                gated.open.countDown();
                callers.shutdownNow();
                writer.close();
            }
        }
    }

    @Test
    void acksWaitingForACommit_areCounted_untilTheCommitAnswersThem() throws Exception {
        String url = "jdbc:h2:mem:inbox-waiting-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Database database = Database.open(url, "", "")) {
            GatedDataSource gated = new GatedDataSource(url);
            InboxBatchWriter writer = new InboxBatchWriter(new Jdbc(gated),
                    new InboxBatchWriter.Settings(1, 16, Duration.ofSeconds(30), 16));
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try {
                assertThat(writer.waiting()).isZero();
                List<Future<Boolean>> acks = new ArrayList<>();
                for (String id : List.of("Ev1", "Ev2", "Ev3")) {
                    acks.add(callers.submit(() -> writer.append(entry(id))));
                }
                await(() -> writer.waiting() == 3); // one in the stalled commit, two queued behind it

                gated.open.countDown();
                for (Future<Boolean> ack : acks) {
                    assertThat(ack.get(10, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(writer.waiting()).isZero();
            } finally {
                gated.open.countDown();
                callers.shutdownNow();
                writer.close();
            }
        }
    }

    @Test
    void markDone_whileACommitRuns_sharesTheNextCommitWithTheAcks_andIsFenced() throws Exception {
        String url = "jdbc:h2:mem:inbox-marks-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Database database = Database.open(url, "", "")) {
            JdbcInboxStore inbox = new JdbcInboxStore(database, new MutableClock(T0));
            inbox.append(entry("Ev0"));
            InboxEntry claimed = inbox.claim("w", 1, T0, Duration.ofMinutes(1)).get(0);
            GatedDataSource gated = new GatedDataSource(url);
            InboxBatchWriter writer = new InboxBatchWriter(new Jdbc(gated),
                    new InboxBatchWriter.Settings(1, 16, Duration.ofSeconds(30), 16));
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try {
                Future<Boolean> first = callers.submit(() -> writer.append(entry("Ev1")));
                await(() -> gated.waiting.get() == 1 && writer.queued() == 0); // the committer holds Ev1
                Future<Boolean> mark = callers.submit(() -> writer.markDone(claimed.sequence(), claimed.attempts(),
                        T0, true));
                Future<Boolean> second = callers.submit(() -> writer.append(entry("Ev2")));
                await(() -> writer.queued() == 2);
                assertThat(writer.waiting()).as("a done mark is no ack waiting").isEqualTo(2);

                gated.open.countDown();
                assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
                assertThat(mark.get(10, TimeUnit.SECONDS)).isTrue();
                assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
                assertThat(gated.waiting.get()).as("commits: Ev1's, then Ev2 with the mark").isEqualTo(2);
                assertThat(database.jdbc().queryOne("status", "select status from inbox where event_id = 'Ev0'",
                        statement -> { }, rows -> rows.getString(1))).contains("DONE");
                assertThat(writer.markDone(claimed.sequence(), claimed.attempts() - 1, T0, true))
                        .as("a claim that no longer holds marks nothing").isFalse();
            } finally {
                gated.open.countDown();
                callers.shutdownNow();
                writer.close();
            }
        }
    }

    private static InboxEntry entry(String eventId) {
        return InboxEntry.received(Platform.SLACK, eventId, "T1", "C1:" + eventId, "event_callback", "{}", T0);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Hands out connections only after {@link #open} (a database that does not answer until then). */
    private static final class GatedDataSource implements DataSource {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger waiting = new AtomicInteger();
        private final String url;

        GatedDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            waiting.incrementAndGet();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
