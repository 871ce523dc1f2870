package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.review.IssueTally;
import io.happy3.domain.review.Rate;
import io.happy3.domain.review.Scorecard;
import io.happy3.domain.review.TallyStore;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The weeks' tallies in {@code review_weeks} and {@code review_tallies}, and the pending issues from
 * {@code issues.review_from} (which {@link JdbcIssueStore} sets on every save). Ids, times and counts only: no
 * message text. Thread-safe.
 */
public final class JdbcReviewTallyStore implements TallyStore {
    private static final int BATCH = 500;
    /** Revisions are random: two processes writing one week never hand out the same one. */
    private static final java.security.SecureRandom REVISIONS = new java.security.SecureRandom();
    private static final String COLUMNS = "tenant, zone, week_start, issue_id, opened_at, platform, channel_tenant, "
            + "channel, agent_platform, agent_tenant, agent_id, first_response_nanos, valid_until, counts, steps";
    private final Jdbc jdbc;

    public JdbcReviewTallyStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public Optional<Stored> find(Week week) {
        requireNonNull(week, "week == null");
        return jdbc.queryOne("finding the tallies of " + week, "select * from review_weeks where tenant = ? and zone = ?"
                + " and week_start = ?", statement -> bindWeek(statement, 1, week), JdbcReviewTallyStore::stored);
    }

    @Override
    public List<Stored> weeks(String tenant) {
        requireNonNull(tenant, "tenant == null");
        return jdbc.query("finding the tallied weeks of " + tenant, "select * from review_weeks where tenant = ?",
                statement -> statement.setString(1, tenant), JdbcReviewTallyStore::stored);
    }

    @Override
    public void replace(Week week, String fingerprint, Instant cutoff, List<IssueTally> tallies) {
        requireNonNull(week, "week == null");
        requireNonNull(fingerprint, "fingerprint == null");
        requireNonNull(cutoff, "cutoff == null");
        jdbc.inTransaction("replacing the tallies of " + week, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from review_tallies where tenant = ? and zone = ? and week_start = ?")) {
                bindWeek(delete, 1, week);
                delete.executeUpdate();
            }
            insert(connection, week, tallies);
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from review_weeks where tenant = ? and zone = ? and week_start = ?")) {
                bindWeek(delete, 1, week);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into review_weeks (tenant, zone, "
                    + "week_start, fingerprint, cutoff, revision) values (?, ?, ?, ?, ?, ?)")) {
                bindWeek(insert, 1, week);
                insert.setString(4, fingerprint);
                Jdbc.setInstant(insert, 5, cutoff);
                insert.setLong(6, REVISIONS.nextLong());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void update(Week week, Instant cutoff, Map<IssueId, Optional<IssueTally>> changes) {
        requireNonNull(week, "week == null");
        requireNonNull(cutoff, "cutoff == null");
        if (changes.isEmpty() && find(week).map(stored -> stored.cutoff().equals(cutoff)).orElse(false)) {
            return;
        }
        jdbc.inTransaction("updating the tallies of " + week, connection -> {
            List<String> ids = changes.keySet().stream().map(IssueId::value).toList();
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
                try (PreparedStatement delete = connection.prepareStatement("delete from review_tallies where tenant = ?"
                        + " and zone = ? and week_start = ? and issue_id in ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                    bindWeek(delete, 1, week);
                    for (int index = 0; index < chunk.size(); index++) {
                        delete.setString(4 + index, chunk.get(index));
                    }
                    delete.executeUpdate();
                }
            }
            insert(connection, week, changes.values().stream().flatMap(Optional::stream).toList());
            try (PreparedStatement update = connection.prepareStatement("update review_weeks set cutoff = ?, revision = ?"
                    + " where tenant = ? and zone = ? and week_start = ?")) {
                Jdbc.setInstant(update, 1, cutoff);
                update.setLong(2, REVISIONS.nextLong());
                bindWeek(update, 3, week);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<IssueTally> tallies(Week week, Optional<ChannelRef> channel) {
        requireNonNull(week, "week == null");
        requireNonNull(channel, "channel == null");
        String sql = "select * from review_tallies where tenant = ? and zone = ? and week_start = ?"
                + (channel.isPresent() ? " and platform = ? and channel_tenant = ? and channel = ?" : "")
                + " order by opened_at, issue_id";
        return jdbc.query("reading the tallies of " + week, sql, statement -> {
            bindWeek(statement, 1, week);
            if (channel.isPresent()) {
                Refs.setChannel(statement, 4, channel.get());
            }
        }, JdbcReviewTallyStore::tally);
    }

    @Override
    public List<Pending> pending(String tenant, Instant before, Instant activeSince, int limit) {
        requireNonNull(tenant, "tenant == null");
        return jdbc.query("finding the issues of " + tenant + " changed before " + before, "select id, review_from "
                + "from issues where tenant = ? and review_from < ? and last_activity_at >= ? order by review_from "
                + "limit " + limit, statement -> {
                    statement.setString(1, tenant);
                    Jdbc.setInstant(statement, 2, requireNonNull(before, "before == null"));
                    Jdbc.setInstant(statement, 3, requireNonNull(activeSince, "activeSince == null"));
                }, rows -> new Pending(new IssueId(rows.getString("id")), Jdbc.getInstant(rows, "review_from")));
    }

    @Override
    public void settle(Map<IssueId, Long> versions) {
        if (versions.isEmpty()) {
            return;
        }
        jdbc.inTransaction("marking " + versions.size() + " issues' tallies up to date", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update issues set review_from = null where id = ? and version = ?")) {
                for (Map.Entry<IssueId, Long> entry : versions.entrySet()) {
                    update.setString(1, entry.getKey().value());
                    update.setLong(2, entry.getValue());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    private static void insert(Connection connection, Week week, List<IssueTally> tallies) throws SQLException {
        if (tallies.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into review_tallies (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (IssueTally tally : tallies) {
                bindWeek(insert, 1, week);
                insert.setString(4, tally.issueId().value());
                Jdbc.setInstant(insert, 5, tally.openedAt());
                Refs.setChannel(insert, 6, tally.channel());
                Refs.setUser(insert, 9, tally.agent());
                if (tally.firstResponse().isPresent()) {
                    insert.setLong(12, tally.firstResponse().get().toNanos());
                } else {
                    insert.setNull(12, Types.BIGINT);
                }
                Jdbc.setInstant(insert, 13, tally.validUntil().orElse(null));
                insert.setString(14, Arrays.stream(tally.counts()).mapToObj(Integer::toString)
                        .collect(Collectors.joining(",")));
                insert.setString(15, tally.steps().isEmpty() ? null : tally.steps().stream()
                        .map(step -> URLEncoder.encode(step.stepId(), StandardCharsets.UTF_8) + "="
                                + step.happened().numerator() + "/" + step.happened().denominator())
                        .collect(Collectors.joining(" ")));
                insert.addBatch();
                if (++batched % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static IssueTally tally(ResultSet rows) throws SQLException {
        long nanos = rows.getLong("first_response_nanos");
        Optional<Duration> firstResponse = rows.wasNull() ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
        int[] counts = Arrays.stream(rows.getString("counts").split(",")).mapToInt(Integer::parseInt).toArray();
        String steps = rows.getString("steps");
        List<Scorecard.StepRate> rates = new ArrayList<>();
        if (steps != null) {
            for (String step : steps.split(" ")) {
                int equals = step.lastIndexOf('=');
                int slash = step.lastIndexOf('/');
                rates.add(new Scorecard.StepRate(URLDecoder.decode(step.substring(0, equals), StandardCharsets.UTF_8),
                        new Rate(Integer.parseInt(step.substring(equals + 1, slash)),
                                Integer.parseInt(step.substring(slash + 1)))));
            }
        }
        Optional<UserRef> agent = Refs.findUser(rows, "agent");
        return IssueTally.stored(new IssueId(rows.getString("issue_id")), Jdbc.getInstant(rows, "opened_at"),
                Refs.channel(rows, "platform", "channel_tenant", "channel"), agent, firstResponse, rates,
                Jdbc.findInstant(rows, "valid_until"), counts);
    }

    private static Stored stored(ResultSet rows) throws SQLException {
        return new Stored(new Week(rows.getString("tenant"), ZoneId.of(rows.getString("zone")),
                Jdbc.getInstant(rows, "week_start")), rows.getString("fingerprint"), Jdbc.getInstant(rows, "cutoff"),
                rows.getLong("revision"));
    }

    private static void bindWeek(PreparedStatement statement, int index, Week week) throws SQLException {
        statement.setString(index, week.tenant());
        statement.setString(index + 1, week.zone().getId());
        Jdbc.setInstant(statement, index + 2, week.start());
    }
}
