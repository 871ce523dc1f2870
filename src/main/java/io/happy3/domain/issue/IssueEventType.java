package io.happy3.domain.issue;

import java.util.Locale;
import java.util.Optional;

/**
 * What happened to an issue. The first eight are the events a playbook step may name in
 * {@code when} and {@code unless}; the rest are recorded for reviews only.
 */
public enum IssueEventType {
    ISSUE_OPENED(true),
    CUSTOMER_REPLIED(true),
    AGENT_REPLIED(true),
    RESOLUTION_PROPOSED(true),
    CUSTOMER_CONFIRMED(true),
    REOPENED(true),
    PROMISE_MADE(true),
    FOLLOWED_UP(true),
    /** The customer thanked the team; the bot nominates a proud moment. */
    GRATITUDE(false),
    /** An agent withdrew their fix claim ("not resolved" on a nudge). */
    RESOLUTION_WITHDRAWN(false),
    /** An agent said they asked the customer to confirm ("asked now" on a nudge). */
    CONFIRMATION_ASKED(false),
    /** The same customer came back in the same channel within 14 days of a confirmed issue. */
    BOUNCE_BACK(false),
    /** The issue's first message was deleted. */
    ROOT_DELETED(false),
    /** No activity for the playbook's stale period: closed unverified. */
    CLOSED_STALE(false);

    private final boolean playbookEvent;

    IssueEventType(boolean playbookEvent) {
        this.playbookEvent = playbookEvent;
    }

    /** True for the events playbook steps may use in {@code when} / {@code unless}. */
    public boolean playbookEvent() {
        return playbookEvent;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The playbook event named {@code name} ({@code issue_opened}, ...), if there is one. */
    public static Optional<IssueEventType> fromPlaybookName(String name) {
        for (IssueEventType type : values()) {
            if (type.playbookEvent && type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
