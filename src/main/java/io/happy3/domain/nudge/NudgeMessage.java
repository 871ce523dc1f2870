package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.StepId;
import java.util.List;

/**
 * A nudge rendered for delivery: the text with placeholders filled, the buttons to offer, and where
 * the issue lives (its channel and thread root) so the adapter can show it in the thread.
 */
public record NudgeMessage(NudgeId nudgeId, UserRef recipient, MessageRef thread,
                           StepId stepId, String text, List<NudgeAction> actions, boolean late) {
    public NudgeMessage {
        requireNonNull(nudgeId, "nudgeId == null");
        requireNonNull(recipient, "recipient == null");
        requireNonNull(thread, "thread == null");
        requireNonNull(stepId, "stepId == null");
        requireNonNull(text, "text == null");
        actions = List.copyOf(actions);
    }

    /** The channel of the thread. */
    public ChannelRef channel() {
        return thread.channel();
    }
}
