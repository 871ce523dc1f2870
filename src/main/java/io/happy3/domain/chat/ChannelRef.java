package io.happy3.domain.chat;

import static java.util.Objects.requireNonNull;

/**
 * A channel on one platform, scoped by its tenant (Slack team id, Teams tenant id). Every query the
 * bot makes is scoped by {@code tenant}, so two workspaces never see each other's channels.
 */
public record ChannelRef(Platform platform, String tenant, String channel) {
    public ChannelRef {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(channel, "channel == null");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel is blank");
        }
    }

    /** A stable text form, {@code platform:tenant:channel}, used in keys and logs. */
    public String key() {
        return platform.name().toLowerCase(java.util.Locale.ROOT) + ":" + tenant + ":" + channel;
    }
}
