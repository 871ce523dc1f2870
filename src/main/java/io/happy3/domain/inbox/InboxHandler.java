package io.happy3.domain.inbox;

import io.happy3.domain.chat.Platform;

/** Port a platform adapter implements: turns one of its inbox entries into work for the core. */
public interface InboxHandler {
    Platform platform();

    /** Processes the entry; must be idempotent (an entry may be handed over again after a crash). */
    void handle(InboxEntry entry);
}
