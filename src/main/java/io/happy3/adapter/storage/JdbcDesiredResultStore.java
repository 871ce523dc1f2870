package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.issue.IssueId;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Desired results in the {@code desired_results} table, one row per issue. Thread-safe. */
public final class JdbcDesiredResultStore implements DesiredResultStore {
    /** Issues whose desired results one query reads. */
    private static final int CHUNK = 1000;

    private final Jdbc jdbc;

    public JdbcDesiredResultStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public void save(DesiredResult result) {
        requireNonNull(result, "result == null");
        jdbc.upsert("saving the desired result of " + result.issueId().value(), """
                update desired_results set tenant = ?, body = ?, by_date = ?, status = ?, recorded_by_platform = ?,
                  recorded_by_tenant = ?, recorded_by_id = ?, recorded_at = ?
                where issue_id = ?""", """
                insert into desired_results (tenant, body, by_date, status, recorded_by_platform, recorded_by_tenant,
                  recorded_by_id, recorded_at, issue_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                statement -> bind(statement, result));
    }

    @Override
    public Optional<DesiredResult> find(IssueId issueId) {
        requireNonNull(issueId, "issueId == null");
        return jdbc.queryOne("finding the desired result of " + issueId.value(),
                "select * from desired_results where issue_id = ?", statement -> statement.setString(1,
                        issueId.value()), JdbcDesiredResultStore::read);
    }

    @Override
    public Map<IssueId, DesiredResult> findAll(Collection<IssueId> issueIds) {
        requireNonNull(issueIds, "issueIds == null");
        List<String> ids = issueIds.stream().map(IssueId::value).distinct().toList();
        Map<IssueId, DesiredResult> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            jdbc.query("finding the desired results of " + chunk.size() + " issues",
                    "select * from desired_results where issue_id in ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", statement -> {
                        for (int index = 0; index < chunk.size(); index++) {
                            statement.setString(index + 1, chunk.get(index));
                        }
                    }, JdbcDesiredResultStore::read).forEach(result -> found.put(result.issueId(), result));
        }
        return found;
    }

    /** One join with {@code issues} (indexed by tenant and activity), instead of the issues' ids in batches. */
    @Override
    public Optional<Map<IssueId, DesiredResult>> findOfIssuesActiveBetween(String tenant,
                                                                           Optional<ChannelRef> channel,
                                                                           Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(channel, "channel == null");
        String sql = "select d.* from desired_results d join issues i on i.id = d.issue_id where d.tenant = ?"
                + " and i.tenant = ?" + (channel.isPresent() ? " and i.platform = ? and i.channel = ?" : "")
                + " and i.opened_at < ? and i.last_activity_at >= ?";
        Map<IssueId, DesiredResult> found = new HashMap<>();
        jdbc.query("finding the desired results of issues of " + channel.map(ChannelRef::key).orElse(tenant)
                + " active in [" + from + ", " + to + ")", sql, statement -> {
                    int next = 1;
                    statement.setString(next++, tenant);
                    statement.setString(next++, tenant);
                    if (channel.isPresent()) {
                        statement.setString(next++, channel.get().platform().name());
                        statement.setString(next++, channel.get().channel());
                    }
                    Jdbc.setInstant(statement, next++, requireNonNull(to, "to == null"));
                    Jdbc.setInstant(statement, next, requireNonNull(from, "from == null"));
                }, JdbcDesiredResultStore::read).forEach(result -> found.put(result.issueId(), result));
        return Optional.of(found);
    }

    @Override
    public List<DesiredResult> findRecordedBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        return jdbc.query("finding desired results of " + tenant, "select * from desired_results where tenant = ? "
                + "and status = 'RECORDED' and recorded_at >= ? and recorded_at < ? order by recorded_at, issue_id",
                statement -> {
                    statement.setString(1, tenant);
                    Jdbc.setInstant(statement, 2, requireNonNull(from, "from == null"));
                    Jdbc.setInstant(statement, 3, requireNonNull(to, "to == null"));
                }, JdbcDesiredResultStore::read);
    }

    private static void bind(PreparedStatement statement, DesiredResult result) throws SQLException {
        statement.setString(1, result.tenant());
        statement.setString(2, result.text());
        if (result.by().isPresent()) {
            statement.setDate(3, Date.valueOf(result.by().get()));
        } else {
            statement.setNull(3, Types.DATE);
        }
        statement.setString(4, result.status().name());
        Refs.setUser(statement, 5, result.recordedBy());
        Jdbc.setInstant(statement, 8, result.at());
        statement.setString(9, result.issueId().value());
    }

    private static DesiredResult read(ResultSet rows) throws SQLException {
        Date by = rows.getDate("by_date");
        return new DesiredResult(new IssueId(rows.getString("issue_id")), rows.getString("tenant"),
                rows.getString("body"), Optional.ofNullable(by).map(Date::toLocalDate),
                DesiredResult.Status.valueOf(rows.getString("status")), Refs.findUser(rows, "recorded_by"),
                Jdbc.getInstant(rows, "recorded_at"));
    }
}
