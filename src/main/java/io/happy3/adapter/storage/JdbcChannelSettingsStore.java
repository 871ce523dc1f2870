package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Channel settings in the {@code channel_settings} table; people sets are JSON arrays. Thread-safe. */
public final class JdbcChannelSettingsStore implements ChannelSettingsStore {
    private static final String SELECT = "select * from channel_settings ";

    private final Jdbc jdbc;

    public JdbcChannelSettingsStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public Optional<ChannelSettings> find(ChannelRef channel) {
        requireNonNull(channel, "channel == null");
        return jdbc.queryOne("finding settings of " + channel.key(),
                SELECT + "where platform = ? and tenant = ? and channel = ?",
                statement -> Refs.setChannel(statement, 1, channel), JdbcChannelSettingsStore::read);
    }

    @Override
    public void save(ChannelSettings settings) {
        requireNonNull(settings, "settings == null");
        String update = """
                update channel_settings set followed = ?, playbook_id = ?, agents = ?, agent_groups = ?, leads = ?,
                  channel_name = ?
                where platform = ? and tenant = ? and channel = ?
                """;
        String insert = """
                insert into channel_settings (followed, playbook_id, agents, agent_groups, leads, channel_name,
                  platform, tenant, channel)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        jdbc.upsert("saving settings of " + settings.channel().key(), update, insert, statement -> {
            statement.setBoolean(1, settings.followed());
            statement.setString(2, settings.playbookId().value());
            statement.setString(3, JsonSets.write(settings.agents()));
            statement.setString(4, JsonSets.write(settings.agentGroups()));
            statement.setString(5, JsonSets.write(settings.leads()));
            statement.setString(6, settings.name().orElse(null));
            Refs.setChannel(statement, 7, settings.channel());
        });
    }

    @Override
    public List<ChannelSettings> findFollowed(String tenant) {
        requireNonNull(tenant, "tenant == null");
        return jdbc.query("finding followed channels of " + tenant,
                SELECT + "where followed = true and tenant = ? order by platform, channel",
                statement -> statement.setString(1, tenant), JdbcChannelSettingsStore::read);
    }

    @Override
    public List<ChannelSettings> findAllFollowed() {
        return jdbc.query("finding all followed channels",
                SELECT + "where followed = true order by tenant, platform, channel", statement -> { },
                JdbcChannelSettingsStore::read);
    }

    private static ChannelSettings read(ResultSet rows) throws SQLException {
        return new ChannelSettings(Refs.channel(rows, "platform", "tenant", "channel"), rows.getBoolean("followed"),
                new PlaybookId(rows.getString("playbook_id")), JsonSets.read(rows.getString("agents")),
                JsonSets.read(rows.getString("agent_groups")), JsonSets.read(rows.getString("leads")),
                Optional.ofNullable(rows.getString("channel_name")));
    }
}
