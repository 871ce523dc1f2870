package io.happy3.domain.issue;

/** Where an issue stands on the way to a customer who is happy three times (DESIGN.md, "Issue lifecycle"). */
public enum IssueState {
    OPEN,
    ENGAGED,
    RESOLUTION_PROPOSED,
    CONFIRMED,
    FOLLOWED_UP,
    REOPENED,
    /** Closed unverified after a period without activity. */
    STALE;

    /** True while the issue still needs the team: not confirmed, not followed up, not stale. */
    public boolean active() {
        return this == OPEN || this == ENGAGED || this == RESOLUTION_PROPOSED || this == REOPENED;
    }
}
