package io.happy3.domain.nudge;

import java.util.Optional;

/**
 * Port: each nudge as it was rendered for delivery (its text and actions), kept with the nudge so a
 * view built later (the Slack App Home) shows the same text after a restart and on every replica.
 * Thread-safe.
 */
public interface RenderedNudgeStore {
    /** Stores (or replaces) the rendering of {@code message.nudgeId()}. */
    void save(NudgeMessage message);

    Optional<NudgeMessage> find(NudgeId nudge);
}
