package io.happy3.domain.nudge;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** {@link #save} for the nudges of one delivery (one transaction where the store can). */
    default void saveAll(List<NudgeMessage> messages) {
        messages.forEach(this::save);
    }

    /** The renderings of those of {@code nudges} that have one (an App Home's nudges), by nudge. */
    default Map<NudgeId, NudgeMessage> findAll(Collection<NudgeId> nudges) {
        Map<NudgeId, NudgeMessage> found = new LinkedHashMap<>();
        for (NudgeId nudge : nudges) {
            find(nudge).ifPresent(message -> found.put(nudge, message));
        }
        return found;
    }
}
