package io.happy3.adapter.slack;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Run in a JVM started with {@code -Dfile.encoding=ISO-8859-1}: signs a non-ASCII body the way Slack does
 * (HMAC over the UTF-8 bytes) and prints the platform charset and what the verifier says.
 */
final class Latin1SignatureCheck {
    private Latin1SignatureCheck() {
    }

    public static void main(String[] args) throws Exception {
        String secret = SlackHarness.SECRET;
        byte[] body = "{\"text\":\"Grüße — 東京 ✅\"}".getBytes(StandardCharsets.UTF_8);
        String timestamp = "1800000000";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        SlackSignatureVerifier verifier = new SlackSignatureVerifier(secret,
                Clock.fixed(Instant.ofEpochSecond(1800000000L), ZoneOffset.UTC));
        // Bolt's verifier takes the body as a String and hashes it in the platform charset.
        boolean bolt = new com.slack.api.app_backend.SlackSignature.Verifier(
                new com.slack.api.app_backend.SlackSignature.Generator(secret))
                .isValid(timestamp, new String(body, StandardCharsets.UTF_8), signature, 1800000000000L);
        System.out.println(Charset.defaultCharset() + " " + verifier.verify(timestamp, signature, body)
                + " bolt=" + bolt);
    }
}
