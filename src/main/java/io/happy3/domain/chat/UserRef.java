package io.happy3.domain.chat;

import static java.util.Objects.requireNonNull;

/** A person on one platform, scoped by tenant like {@link ChannelRef}. */
public record UserRef(Platform platform, String tenant, String user) {
    public UserRef {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(user, "user == null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
    }

    /** A stable text form, {@code platform:tenant:user}. */
    public String key() {
        return platform.name().toLowerCase(java.util.Locale.ROOT) + ":" + tenant + ":" + user;
    }
}
