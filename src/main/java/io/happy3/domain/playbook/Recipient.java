package io.happy3.domain.playbook;

import java.util.Locale;
import java.util.Optional;

/** Who a step's nudge goes to: every agent of the channel, or the agent working the issue. */
public enum Recipient {
    CHANNEL_AGENTS,
    /** The agent who last replied or acted on the issue; the channel's agents while there is none. */
    ISSUE_AGENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Recipient> fromWireName(String name) {
        for (Recipient recipient : values()) {
            if (recipient.wireName().equals(name)) {
                return Optional.of(recipient);
            }
        }
        return Optional.empty();
    }
}
