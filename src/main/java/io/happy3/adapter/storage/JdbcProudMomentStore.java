package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Proud moments in the {@code proud_moments} table; a nomination is stored once per id. Thread-safe. */
public final class JdbcProudMomentStore implements ProudMomentStore {
    private static final String COLUMNS = """
            tenant, channel_platform, channel_tenant, channel_id, issue_id, about_platform, about_tenant, about_id,
            nominated_by_platform, nominated_by_tenant, nominated_by_id, source, summary, link, occurred_at,
            decision, note, id""";

    private final Jdbc jdbc;

    public JdbcProudMomentStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public boolean add(ProudMoment moment) {
        requireNonNull(moment, "moment == null");
        String sql = "insert into proud_moments (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?)";
        return jdbc.insertUnlessPresent("adding proud moment " + moment.id(), sql, statement -> bind(statement, moment));
    }

    @Override
    public void update(ProudMoment moment) {
        requireNonNull(moment, "moment == null");
        String sql = """
                update proud_moments set tenant = ?, channel_platform = ?, channel_tenant = ?, channel_id = ?,
                  issue_id = ?, about_platform = ?, about_tenant = ?, about_id = ?, nominated_by_platform = ?,
                  nominated_by_tenant = ?, nominated_by_id = ?, source = ?, summary = ?, link = ?, occurred_at = ?,
                  decision = ?, note = ?
                where id = ?
                """;
        int updated = jdbc.update("updating proud moment " + moment.id(), sql, statement -> bind(statement, moment));
        if (updated == 0) {
            throw new StorageException("updating proud moment " + moment.id() + " failed: no such moment", null);
        }
    }

    @Override
    public Optional<ProudMoment> find(String id) {
        requireNonNull(id, "id == null");
        return jdbc.queryOne("finding proud moment " + id, "select * from proud_moments where id = ?",
                statement -> statement.setString(1, id), JdbcProudMomentStore::read);
    }

    @Override
    public List<ProudMoment> findBetween(String tenant, Instant from, Instant to) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(from, "from == null");
        requireNonNull(to, "to == null");
        return jdbc.query("finding proud moments of " + tenant,
                "select * from proud_moments where tenant = ? and occurred_at >= ? and occurred_at < ? "
                        + "order by occurred_at, id", statement -> {
                    statement.setString(1, tenant);
                    Jdbc.setInstant(statement, 2, from);
                    Jdbc.setInstant(statement, 3, to);
                }, JdbcProudMomentStore::read);
    }

    private static void bind(PreparedStatement statement, ProudMoment moment) throws SQLException {
        statement.setString(1, moment.tenant());
        if (moment.channel().isPresent()) {
            Refs.setChannel(statement, 2, moment.channel().get());
        } else {
            statement.setNull(2, Types.VARCHAR);
            statement.setNull(3, Types.VARCHAR);
            statement.setNull(4, Types.VARCHAR);
        }
        statement.setString(5, moment.issueId().map(IssueId::value).orElse(null));
        Refs.setUser(statement, 6, moment.about());
        Refs.setUser(statement, 9, moment.nominatedBy());
        statement.setString(12, moment.source().name());
        statement.setString(13, moment.text());
        statement.setString(14, moment.link().orElse(null));
        Jdbc.setInstant(statement, 15, moment.at());
        statement.setString(16, moment.decision().name());
        statement.setString(17, moment.note().orElse(null));
        statement.setString(18, moment.id());
    }

    private static ProudMoment read(ResultSet rows) throws SQLException {
        Optional<ChannelRef> channel = rows.getString("channel_platform") == null ? Optional.empty()
                : Optional.of(new ChannelRef(Platform.valueOf(rows.getString("channel_platform")),
                        rows.getString("channel_tenant"), rows.getString("channel_id")));
        return new ProudMoment(rows.getString("id"), rows.getString("tenant"), channel,
                Optional.ofNullable(rows.getString("issue_id")).map(IssueId::new), Refs.findUser(rows, "about"),
                Refs.findUser(rows, "nominated_by"), ProudMoment.Source.valueOf(rows.getString("source")),
                rows.getString("summary"), Optional.ofNullable(rows.getString("link")),
                Jdbc.getInstant(rows, "occurred_at"), ProudMoment.Decision.valueOf(rows.getString("decision")),
                Optional.ofNullable(rows.getString("note")));
    }
}
