package io.happy3.domain.team;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.WorkingHours;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What the bot knows about a person: display name and time zone (from the platform, cached), and
 * their own preferences (a zone set with {@code /happy3 tz}, mute until, working hours set with
 * {@code /happy3 hours}, which win over the playbook's).
 */
public record AgentProfile(UserRef user, String displayName, Optional<ZoneId> zone, Optional<Instant> mutedUntil,
                           Optional<WorkingHours> hours) {
    public AgentProfile {
        requireNonNull(user, "user == null");
        requireNonNull(displayName, "displayName == null");
        requireNonNull(zone, "zone == null");
        requireNonNull(mutedUntil, "mutedUntil == null");
        requireNonNull(hours, "hours == null");
    }

    /** A profile without own working hours (what the platforms know). */
    public AgentProfile(UserRef user, String displayName, Optional<ZoneId> zone, Optional<Instant> mutedUntil) {
        this(user, displayName, zone, mutedUntil, Optional.empty());
    }

    public static AgentProfile unknown(UserRef user) {
        return new AgentProfile(user, user.user(), Optional.empty(), Optional.empty());
    }

    public boolean mutedAt(Instant at) {
        return mutedUntil.filter(at::isBefore).isPresent();
    }

    public AgentProfile withZone(ZoneId newZone) {
        return new AgentProfile(user, displayName, Optional.of(newZone), mutedUntil, hours);
    }

    public AgentProfile withMutedUntil(Optional<Instant> until) {
        return new AgentProfile(user, displayName, zone, until, hours);
    }

    public AgentProfile withHours(Optional<WorkingHours> newHours) {
        return new AgentProfile(user, displayName, zone, mutedUntil, newHours);
    }
}
