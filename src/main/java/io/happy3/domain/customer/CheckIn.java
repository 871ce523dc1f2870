package io.happy3.domain.customer;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import java.time.Instant;

/**
 * An agent's answer to one entry of their check-in list: they checked in with the customer (pressed "Checked in",
 * or wrote to them in a new thread), snoozed the entry to next week, or found it not needed. {@code id} makes a
 * redelivered press or message record once.
 */
public record CheckIn(String id, String tenant, UserRef agent, UserRef customer, Kind kind, Via via, Instant at) {
    /** What the agent did with the entry. */
    public enum Kind {
        CHECKED_IN, SNOOZED, NOT_NEEDED
    }

    /** How the bot learned it. */
    public enum Via {
        BUTTON, MESSAGE
    }

    public CheckIn {
        requireNonNull(id, "id == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(agent, "agent == null");
        requireNonNull(customer, "customer == null");
        requireNonNull(kind, "kind == null");
        requireNonNull(via, "via == null");
        requireNonNull(at, "at == null");
    }
}
