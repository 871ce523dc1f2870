package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts bot tokens at rest with AES-256-GCM under {@code HAPPY3_ENCRYPTION_KEY} (32 bytes, base64), so
 * a database dump alone yields no usable token. A stored value is {@code enc:v1:<key id>:<base64 of
 * nonce + ciphertext + tag>}; the key id (first 8 hex digits of the key's SHA-256) lets a rotation read
 * values written under {@code HAPPY3_ENCRYPTION_KEY_PREVIOUS} while every new write uses the current key.
 * The tenant is bound in as associated data: a ciphertext copied to another tenant's row does not decrypt.
 * Thread-safe.
 */
public final class TokenCipher {
    private static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<Key> current;
    private final Map<String, Key> byId = new LinkedHashMap<>();

    private record Key(String id, SecretKeySpec spec) {
    }

    private TokenCipher(Optional<byte[]> current, Optional<byte[]> previous) {
        this.current = current.map(TokenCipher::key);
        this.current.ifPresent(key -> byId.put(key.id(), key));
        previous.map(TokenCipher::key).ifPresent(key -> byId.putIfAbsent(key.id(), key));
    }

    /** From the base64 values of the current and (during a rotation) the previous key. */
    public static TokenCipher of(Optional<String> currentBase64, Optional<String> previousBase64) {
        return new TokenCipher(currentBase64.map(value -> decodeKey("HAPPY3_ENCRYPTION_KEY", value)),
                previousBase64.map(value -> decodeKey("HAPPY3_ENCRYPTION_KEY_PREVIOUS", value)));
    }

    /** No key: a token cannot be stored (reading a stored one fails with the reason). */
    public static TokenCipher none() {
        return new TokenCipher(Optional.empty(), Optional.empty());
    }

    /** Checks a key's form; the message names {@code variable} and never shows the value. */
    public static byte[] decodeKey(String variable, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " must be base64 (try: openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(variable + " must be 32 bytes in base64, got " + key.length
                    + " bytes (try: openssl rand -base64 32)");
        }
        return key;
    }

    /** {@code token} encrypted under the current key for {@code tenant}. */
    public String encrypt(String tenant, String token) {
        Key key = current.orElseThrow(() -> new IllegalStateException(
                "HAPPY3_ENCRYPTION_KEY is not set: bot tokens are only stored encrypted"));
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, key, nonce, tenant, token.getBytes(StandardCharsets.UTF_8));
        return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }

    /** The token stored for {@code tenant}; a value written before encryption existed is returned as it is. */
    public String decrypt(String tenant, String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        Key key = colon < 0 ? null : byId.get(rest.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("a bot token of " + tenant + " was encrypted under a key that is "
                    + "neither HAPPY3_ENCRYPTION_KEY nor HAPPY3_ENCRYPTION_KEY_PREVIOUS");
        }
        byte[] packed = Base64.getDecoder().decode(rest.substring(colon + 1));
        byte[] nonce = java.util.Arrays.copyOf(packed, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(packed, NONCE_BYTES, packed.length);
        return new String(run(Cipher.DECRYPT_MODE, key, nonce, tenant, sealed), StandardCharsets.UTF_8);
    }

    /** True when {@code stored} is not under the current key (plain, or the previous key): rewrite it. */
    public boolean stale(String stored) {
        return current.isPresent() && !stored.startsWith(PREFIX + current.get().id() + ":");
    }

    private static byte[] run(int mode, Key key, byte[] nonce, String tenant, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(requireNonNull(tenant, "tenant == null").getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a bot token of " + tenant + " could not be "
                    + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted (wrong key or altered value)"), e);
        }
    }

    private static Key key(byte[] bytes) {
        try {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
            return new Key(id, new SecretKeySpec(bytes, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
