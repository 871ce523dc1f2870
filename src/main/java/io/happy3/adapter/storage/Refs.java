package io.happy3.adapter.storage;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/** Reads and writes channel and user references as three columns each: platform, tenant, id. */
final class Refs {
    private Refs() {
    }

    /** Binds {@code user} (or three nulls) to parameters {@code index .. index + 2}. */
    static void setUser(PreparedStatement statement, int index, Optional<UserRef> user) throws SQLException {
        if (user.isPresent()) {
            statement.setString(index, user.get().platform().name());
            statement.setString(index + 1, user.get().tenant());
            statement.setString(index + 2, user.get().user());
        } else {
            statement.setNull(index, Types.VARCHAR);
            statement.setNull(index + 1, Types.VARCHAR);
            statement.setNull(index + 2, Types.VARCHAR);
        }
    }

    static void setChannel(PreparedStatement statement, int index, ChannelRef channel) throws SQLException {
        statement.setString(index, channel.platform().name());
        statement.setString(index + 1, channel.tenant());
        statement.setString(index + 2, channel.channel());
    }

    /** The user in columns {@code prefix_platform}, {@code prefix_tenant}, {@code prefix_id}. */
    static Optional<UserRef> findUser(ResultSet rows, String prefix) throws SQLException {
        String platform = rows.getString(prefix + "_platform");
        if (platform == null) {
            return Optional.empty();
        }
        return Optional.of(new UserRef(Platform.valueOf(platform), rows.getString(prefix + "_tenant"),
                rows.getString(prefix + "_id")));
    }

    static UserRef user(ResultSet rows, String prefix) throws SQLException {
        return findUser(rows, prefix).orElseThrow(() -> new SQLException(prefix + " is null"));
    }

    static ChannelRef channel(ResultSet rows, String platformColumn, String tenantColumn, String channelColumn)
            throws SQLException {
        return new ChannelRef(Platform.valueOf(rows.getString(platformColumn)), rows.getString(tenantColumn),
                rows.getString(channelColumn));
    }
}
