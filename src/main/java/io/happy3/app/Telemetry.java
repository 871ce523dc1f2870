package io.happy3.app;

import io.happy3.domain.chat.Platform;

/**
 * Port: the numbers operators watch (exposed on {@code /metrics} by an adapter). Adapters and use cases
 * report through it; {@link #none()} ignores everything. Implementations are thread-safe and cheap.
 */
public interface Telemetry {
    /** A platform event was verified and persisted to the inbox ({@code duplicate}: dropped as a redelivery). */
    void eventReceived(Platform platform, boolean duplicate);

    /** Processing an inbox entry failed (it will be retried or end FAILED). */
    void eventFailed(Platform platform);

    /** Time from request start to acknowledgement. */
    void ackLatency(Platform platform, long nanos);

    /** A nudge changed state: scheduled, sent, acted, snoozed, dismissed, cancelled, expired, failed. */
    void nudge(String outcome);

    /** How late the scheduler delivered a nudge relative to its due time. */
    void schedulerLag(long millis);

    /** The {@link #apiCall} status of a call that got no HTTP answer (refused, reset, timed out). */
    int NETWORK_ERROR = 0;

    /**
     * A call to a platform API; {@code status} is the HTTP status (429 counts as rate limited), or
     * {@link #NETWORK_ERROR}.
     */
    void apiCall(Platform platform, String method, int status);

    static Telemetry none() {
        return new Telemetry() {
            @Override
            public void eventReceived(Platform platform, boolean duplicate) {
            }

            @Override
            public void eventFailed(Platform platform) {
            }

            @Override
            public void ackLatency(Platform platform, long nanos) {
            }

            @Override
            public void nudge(String outcome) {
            }

            @Override
            public void schedulerLag(long millis) {
            }

            @Override
            public void apiCall(Platform platform, String method, int status) {
            }
        };
    }
}
