package io.happy3.domain.inbox;

import io.happy3.domain.chat.Platform;

/** Port a platform adapter implements: turns one of its inbox entries into work for the core. */
public interface InboxHandler {
    Platform platform();

    /** Processes the entry; must be idempotent (an entry may be handed over again after a crash). */
    void handle(InboxEntry entry);

    /**
     * Processes the entry as {@link #handle} does, inside the inbox's unit of work, and returns what is left to do
     * once that unit committed: work that shows the outcome elsewhere (republishing an agent's App Home), which
     * must see the committed state and holds no row lock while it talks to the platform. The worker runs it only
     * after the entry is marked done; by default nothing is left.
     */
    default Runnable handleUntilCommit(InboxEntry entry) {
        handle(entry);
        return () -> { };
    }
}
