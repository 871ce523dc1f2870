package io.happy3.app;

import io.happy3.domain.chat.Platform;

/**
 * Port: the numbers operators watch (exposed on {@code /metrics} by an adapter). Adapters and use cases
 * report through it. Every method ignores its report unless an implementation overrides it ({@link #none()}
 * overrides none). Implementations are thread-safe and cheap.
 */
public interface Telemetry {
    /** A platform event was verified and persisted to the inbox ({@code duplicate}: dropped as a redelivery). */
    default void eventReceived(Platform platform, boolean duplicate) {
    }

    /** Processing an inbox entry failed (it will be retried or end FAILED). */
    default void eventFailed(Platform platform) {
    }

    /** Time from request start to acknowledgement. */
    default void ackLatency(Platform platform, long nanos) {
    }

    /** A nudge changed state: scheduled, sent, acted, snoozed, dismissed, cancelled, expired, failed. */
    default void nudge(String outcome) {
    }

    /** How late the scheduler delivered a nudge relative to its due time. */
    default void schedulerLag(long millis) {
    }

    /** The {@link #apiCall} status of a call that got no HTTP answer (refused, reset, timed out). */
    int NETWORK_ERROR = 0;

    /**
     * A call to a platform API; {@code status} is the HTTP status (429 counts as rate limited), or
     * {@link #NETWORK_ERROR}.
     */
    default void apiCall(Platform platform, String method, int status) {
    }

    /** Telemetry that ignores everything. */
    static Telemetry none() {
        return new Telemetry() {
        };
    }
}
