package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Slack's request signature ({@code v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)}) over
 * the raw body bytes, so the JVM's platform charset never matters (Bolt's own verifier decodes with it
 * and rejects non-ASCII bodies on a non-UTF-8 locale). Timestamps more than five minutes away from now,
 * in either direction, are refused. Thread-safe.
 */
public final class SlackSignatureVerifier {
    /** How far a request timestamp may be from now, before or after. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final String VERSION = "v0";

    private final SecretKeySpec key;
    private final Clock clock;
    private final ThreadLocal<Mac> macs;

    public SlackSignatureVerifier(String signingSecret, Clock clock) {
        requireNonNull(signingSecret, "signingSecret == null");
        if (signingSecret.isEmpty()) {
            throw new IllegalArgumentException("signing secret is empty");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = requireNonNull(clock, "clock == null");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Why a request was refused, or {@link #VALID}. */
    public enum Result {
        VALID, MISSING_HEADERS, BAD_TIMESTAMP, STALE_TIMESTAMP, BAD_SIGNATURE;

        public boolean valid() {
            return this == VALID;
        }
    }

    /** Checks headers {@code X-Slack-Request-Timestamp} and {@code X-Slack-Signature} against {@code body}. */
    public Result verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || body == null) {
            return Result.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Result.BAD_TIMESTAMP;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > MAX_SKEW.toSeconds()) {
            return Result.STALE_TIMESTAMP;
        }
        byte[] expected = sign(Long.toString(seconds), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Result.VALID : Result.BAD_SIGNATURE;
    }

    /** The signature Slack would send for {@code body} at {@code timestamp} ({@code v0=…} in hex). */
    public String sign(String timestamp, byte[] body) {
        Mac mac = macs.get();
        mac.reset();
        mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
        mac.update(body);
        return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
