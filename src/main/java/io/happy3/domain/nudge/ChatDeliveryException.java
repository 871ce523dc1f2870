package io.happy3.domain.nudge;

import java.time.Duration;
import java.util.Optional;

/**
 * A chat platform refused or failed a delivery. {@code retryAfter} is set when the platform said when
 * to try again (HTTP 429 {@code Retry-After}); {@code permanent} when retrying cannot help
 * (channel archived, user gone, token revoked).
 */
public final class ChatDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Duration> retryAfter;
    private final boolean permanent;

    public ChatDeliveryException(String message, Optional<Duration> retryAfter, boolean permanent, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.permanent = permanent;
    }

    public static ChatDeliveryException rateLimited(String message, Duration retryAfter) {
        return new ChatDeliveryException(message, Optional.of(retryAfter), false, null);
    }

    public static ChatDeliveryException transientFailure(String message, Throwable cause) {
        return new ChatDeliveryException(message, Optional.empty(), false, cause);
    }

    public static ChatDeliveryException permanentFailure(String message) {
        return new ChatDeliveryException(message, Optional.empty(), true, null);
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public boolean permanent() {
        return permanent;
    }
}
