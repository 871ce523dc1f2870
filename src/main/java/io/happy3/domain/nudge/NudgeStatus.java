package io.happy3.domain.nudge;

/** Where a nudge is in its life. Every nudge ends delivered-and-answered or in a visible end state. */
public enum NudgeStatus {
    /** Waiting for its due time. */
    PENDING,
    /** Snoozed until the customer writes again. */
    WAITING_FOR_CUSTOMER,
    /** Delivered; no action yet. */
    SENT,
    /** Delivered and acted on (any action but snooze, skip or dismiss). */
    ACTED,
    /** Delivered and dismissed or skipped. */
    DISMISSED,
    /** Not sent: its guard no longer held (the customer already confirmed, ...). */
    CANCELLED,
    /** Not sent: it was due too long ago, or a cap stopped it. */
    EXPIRED,
    /** Delivery kept failing; visible in the review and the logs. */
    FAILED;

    /** True while the scheduler may still send this nudge. */
    public boolean open() {
        return this == PENDING || this == WAITING_FOR_CUSTOMER;
    }

    /** True once the nudge reached the agent. */
    public boolean delivered() {
        return this == SENT || this == ACTED || this == DISMISSED;
    }
}
