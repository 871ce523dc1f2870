package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.playbook.PlaybookId;
import java.time.Instant;

/**
 * What was scheduled, fixed from the moment a nudge is planned: its key (issue, step, occurrence,
 * repeat, recipient), the channel, the playbook, when the step's trigger happened (the step's
 * guard is checked against events after it) and when it was planned. The id derives from the key.
 */
public record NudgePlan(NudgeId id, NudgeKey key, ChannelRef channel, PlaybookId playbookId, Instant triggeredAt,
                        Instant createdAt) {
    public NudgePlan {
        requireNonNull(id, "id == null");
        requireNonNull(key, "key == null");
        requireNonNull(channel, "channel == null");
        requireNonNull(playbookId, "playbookId == null");
        requireNonNull(triggeredAt, "triggeredAt == null");
        requireNonNull(createdAt, "createdAt == null");
    }

    public NudgePlan(NudgeKey key, ChannelRef channel, PlaybookId playbookId, Instant triggeredAt, Instant createdAt) {
        this(NudgeId.forKey(key.value()), key, channel, playbookId, triggeredAt, createdAt);
    }
}
