package io.happy3.domain.nudge;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Identifies a nudge; derived from its idempotency key so every replica computes the same id. */
public record NudgeId(String value) {
    public NudgeId {
        requireNonNull(value, "value == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("nudge id is blank");
        }
    }

    /** The id for idempotency key {@code key}: 20 hex characters of its SHA-256. */
    public static NudgeId forKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return new NudgeId("n" + HexFormat.of().formatHex(digest, 0, 10));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
