package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.RenderedNudgeStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RenderedNudgeStore} in a map, for tests and the demo. Thread-safe. */
public final class InMemoryRenderedNudgeStore implements RenderedNudgeStore {
    private final Map<NudgeId, NudgeMessage> rendered = new ConcurrentHashMap<>();

    @Override
    public void save(NudgeMessage message) {
        requireNonNull(message, "message == null");
        rendered.put(message.nudgeId(), message);
    }

    @Override
    public Optional<NudgeMessage> find(NudgeId nudge) {
        return Optional.ofNullable(rendered.get(requireNonNull(nudge, "nudge == null")));
    }
}
