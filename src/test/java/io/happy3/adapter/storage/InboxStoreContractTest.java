package io.happy3.adapter.storage;

import io.happy3.testing.MutableClock;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.InMemoryInboxStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxEntry.InboxStatus;
import io.happy3.domain.inbox.InboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InboxStoreContractTest extends StoreContract {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private final MutableClock clock = new MutableClock(T0);

    private static InboxEntry entry(String eventId, String orderingKey, int secondsAfterT0) {
        return InboxEntry.received(Platform.SLACK, eventId, "T1", orderingKey, "event_callback",
                "{\"text\":\"secret customer words\"}", T0.plusSeconds(secondsAfterT0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void append_duplicateEventId_returnsFalseAndKeepsOneEntry(Backend backend) {
        InboxStore store = backend.inboxStore(clock);

        assertThat(store.append(entry("Ev1", "issue-a", 0))).isTrue();
        assertThat(store.append(entry("Ev1", "issue-b", 1))).isFalse();
        assertThat(store.append(InboxEntry.received(Platform.TEAMS, "Ev1", "T1", "issue-a", "message", "{}", T0)))
                .isTrue();

        assertThat(store.backlog()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void claim_twoKeys_takesOnlyTheOldestEntryOfEachKey(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        store.append(entry("b1", "issue-b", 1));
        store.append(entry("a2", "issue-a", 2));

        List<InboxEntry> claimed = store.claim("w1", 10, T0.plusSeconds(5), LEASE);

        assertThat(claimed).extracting(InboxEntry::eventId).containsExactly("a1", "b1");
        assertThat(claimed).allSatisfy(entry -> assertThat(entry.attempts()).isEqualTo(1));
        assertThat(claimed.get(0).payload()).contains("{\"text\":\"secret customer words\"}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void claim_keyHeldByLiveClaim_nextEntryOfKeyWaitsUntilDone(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        store.append(entry("a2", "issue-a", 1));
        InboxEntry first = store.claim("w1", 10, T0.plusSeconds(5), LEASE).get(0);

        assertThat(store.claim("w2", 10, T0.plusSeconds(6), LEASE)).isEmpty();
        store.markDone(first);

        assertThat(store.claim("w2", 10, T0.plusSeconds(7), LEASE)).extracting(InboxEntry::eventId)
                .containsExactly("a2");
        assertThat(store.backlog()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void claim_claimedButNeverDone_reclaimedAfterLeaseExpires(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        // The worker acked the platform and claimed the entry, then the process died.
        store.claim("dead-worker", 10, T0, LEASE);

        assertThat(store.claim("w2", 10, T0.plus(LEASE).minusMillis(1), LEASE)).isEmpty();
        List<InboxEntry> reclaimed = store.claim("w2", 10, T0.plus(LEASE), LEASE);

        assertThat(reclaimed).extracting(InboxEntry::eventId).containsExactly("a1");
        assertThat(reclaimed.get(0).attempts()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void markDone_claimTakenOverAfterLeaseExpired_slowWorkerIsFencedOut(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        store.append(entry("a2", "issue-a", 1));
        InboxEntry slow = store.claim("slow", 10, T0, LEASE).get(0);
        InboxEntry takeover = store.claim("fast", 10, T0.plus(LEASE), LEASE).get(0);

        assertThat(store.renew(List.of(slow), T0.plus(LEASE).plusSeconds(30))).as("slow renewal").isEmpty();
        assertThat(store.markFailed(slow, "late failure", T0, true)).as("slow failure recorded").isFalse();
        assertThat(store.markDone(slow)).as("slow completion recorded").isFalse();
        assertThat(store.backlog()).as("entry still pending under the new claim").isEqualTo(2);
        assertThat(store.markDone(takeover)).isTrue();

        assertThat(store.claim("fast", 10, T0.plus(LEASE), LEASE)).extracting(InboxEntry::eventId)
                .containsExactly("a2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void renew_liveClaim_keepsTheEntryFromOtherWorkersPastTheFirstLease(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        InboxEntry claimed = store.claim("w1", 10, T0, LEASE).get(0);

        assertThat(store.renew(List.of(claimed), T0.plus(LEASE).plus(LEASE))).containsExactly(claimed);

        assertThat(store.claim("w2", 10, T0.plus(LEASE).plusSeconds(1), LEASE)).isEmpty();
        assertThat(store.markDone(claimed)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void renew_entryItsOwnClaimAlreadyMarkedDone_isNotReportedLost(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        store.append(entry("b1", "issue-b", 1));
        List<InboxEntry> claimed = store.claim("w1", 10, T0, LEASE);
        // The heartbeat renews while the thread that finished a1 has not yet seen its mark commit.
        assertThat(store.markDone(claimed.get(0))).isTrue();

        assertThat(store.renew(claimed, T0.plus(LEASE))).as("neither lost to another worker")
                .containsExactlyInAnyOrderElementsOf(claimed);
        assertThat(store.backlog()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void markDone_entry_dropsItsPayload(Backend backend) throws SQLException {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        InboxEntry claimed = store.claim("w1", 10, T0, LEASE).get(0);

        store.markDone(claimed);

        assertThat(stored(backend, store, claimed.sequence())).hasValueSatisfying(row -> {
            assertThat(row.status()).isEqualTo(InboxStatus.DONE);
            assertThat(row.payload()).isEmpty();
        });
        assertThat(store.claim("w1", 10, T0.plus(Duration.ofDays(1)), LEASE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void markFailed_withRetry_entryAndItsKeyWaitUntilRetryTime(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        store.append(entry("a2", "issue-a", 1));
        store.append(entry("b1", "issue-b", 2));
        InboxEntry first = store.claim("w1", 1, T0.plusSeconds(5), LEASE).get(0);

        store.markFailed(first, "boom", T0.plusSeconds(60), false);

        assertThat(store.claim("w1", 10, T0.plusSeconds(10), LEASE)).extracting(InboxEntry::eventId)
                .containsExactly("b1");
        List<InboxEntry> retried = store.claim("w1", 10, T0.plusSeconds(60), LEASE);
        assertThat(retried).extracting(InboxEntry::eventId).containsExactly("a1");
        assertThat(retried.get(0).attempts()).isEqualTo(2);
        assertThat(retried.get(0).error()).contains("boom");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void markFailed_givingUp_keepsEntryFailedAndUnblocksItsKey(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        store.append(entry("a1", "issue-a", 0));
        store.append(entry("a2", "issue-a", 1));
        InboxEntry first = store.claim("w1", 10, T0, LEASE).get(0);

        store.markFailed(first, "poison", T0, true);

        assertThat(store.claim("w1", 10, T0.plusSeconds(1), LEASE)).extracting(InboxEntry::eventId)
                .containsExactly("a2");
        assertThat(stored(backend, store, first.sequence())).hasValueSatisfying(row -> {
            assertThat(row.status()).isEqualTo(InboxStatus.FAILED);
            assertThat(row.error()).contains("poison");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void claim_manyKeys_respectsLimitOldestFirst(Backend backend) {
        InboxStore store = backend.inboxStore(clock);
        for (int i = 0; i < 5; i++) {
            store.append(entry("e" + i, "issue-" + i, i));
        }

        assertThat(store.claim("w1", 3, T0.plusSeconds(10), LEASE)).extracting(InboxEntry::eventId)
                .containsExactly("e0", "e1", "e2");
        assertThat(store.claim("w2", 3, T0.plusSeconds(10), LEASE)).extracting(InboxEntry::eventId)
                .containsExactly("e3", "e4");
    }

    /** The stored state of an entry, read past the port (which has no lookup by sequence). */
    static Optional<InboxEntry> stored(Backend backend, InboxStore store, long sequence) {
        if (store instanceof InMemoryInboxStore memory) {
            return memory.entries().stream().filter(entry -> entry.sequence() == sequence).findFirst();
        }
        try (Connection connection = backend.database().database().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select status, payload, error from inbox where seq = ?")) {
            statement.setLong(1, sequence);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new InboxEntry(sequence, Platform.SLACK, "?", "?", "?", "?",
                        Optional.ofNullable(rows.getString("payload")), T0, 0,
                        InboxStatus.valueOf(rows.getString("status")), Optional.ofNullable(rows.getString("error"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
