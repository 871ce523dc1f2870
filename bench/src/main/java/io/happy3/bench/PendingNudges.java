package io.happy3.bench;

import io.happy3.bench.MixedTraffic.Nudge;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pending nudges read back from the server's database every five seconds (at most 500, no ordering, so the
 * query stays a short scan), for the button presses of {@link MixedTraffic}.
 */
final class PendingNudges implements MixedTraffic.Nudges, AutoCloseable {
    private final String url;
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pending-nudges");
        thread.setDaemon(true);
        return thread;
    });
    private volatile List<Nudge> pending = List.of();

    PendingNudges(String url) {
        this.url = url;
    }

    void start() {
        reader.scheduleWithFixedDelay(this::refresh, 0, 5, TimeUnit.SECONDS);
    }

    @Override
    public List<Nudge> pending() {
        return pending;
    }

    private void refresh() {
        List<Nudge> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement("select id, channel, issue_id, recipient_id "
                     + "from nudges where status = 'PENDING' fetch first 500 rows only");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String issue = rows.getString(3);
                // An issue id is PLATFORM:TEAM:CHANNEL:ROOT.
                String root = issue.substring(issue.indexOf(':', issue.indexOf(':', issue.indexOf(':') + 1) + 1) + 1);
                found.add(new Nudge(rows.getString(1), rows.getString(2), root, rows.getString(4)));
            }
            pending = List.copyOf(found);
        } catch (SQLException e) {
            System.err.println("reading pending nudges: " + e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        reader.shutdownNow();
        reader.awaitTermination(10, TimeUnit.SECONDS);
    }
}
