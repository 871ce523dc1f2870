package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The embedded-H2 claim's cost does not grow with the backlog: each page of its walk reads at most one page of
 * pending rows, however many wait. (Ordered by {@code seq} alone, H2 read and sorted every pending row for each
 * page, and a server that had taken a burst drained its inbox at tens of entries a second.)
 */
class InboxClaimPlanTest {
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @Test
    void claimWalk_backlogOfThreePages_readsOnePageOfRows() throws SQLException {
        try (TestDatabase h2 = TestDatabases.h2Memory()) {
            JdbcInboxStore store = new JdbcInboxStore(h2.database(), new MutableClock(T0));
            int pending = 1_500;
            for (int i = 0; i < pending; i++) {
                store.append(InboxEntry.received(Platform.SLACK, "Ev" + i, "T1", "C1:" + i, "event_callback", "{}",
                        T0));
            }

            long scanned = scanCount(h2, "explain analyze " + JdbcInboxStore.H2_PENDING_PAGE);

            assertThat(scanned).isLessThanOrEqualTo(501).isLessThan(pending);
            assertThat(store.claim("w1", 32, T0, java.time.Duration.ofSeconds(20))).hasSize(32);
        }
    }

    private static long scanCount(TestDatabase h2, String explain) throws SQLException {
        try (Connection connection = h2.database().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(explain)) {
            statement.setLong(1, 0);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Matcher matcher = SCAN_COUNT.matcher(rows.getString(1));
                assertThat(matcher.find()).as("a scan count in %s", rows.getString(1)).isTrue();
                return Long.parseLong(matcher.group(1));
            }
        }
    }
}
