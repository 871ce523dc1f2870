package io.happy3.domain.review;

/**
 * Port: which rituals (weekly digest, proud prompt) were sent for which period, so each is sent exactly
 * once per tenant and period across restarts and replicas. Thread-safe.
 */
public interface RitualLedger {
    /**
     * Records that {@code ritual} for {@code period} (for example {@code 2026-W47}) is being sent to
     * {@code tenant}; false when it was recorded before, by this or another replica.
     */
    boolean markSent(String tenant, String ritual, String period);

    /** Forgets a record, so a ritual whose sending failed after {@link #markSent} can be tried again. */
    void release(String tenant, String ritual, String period);
}
