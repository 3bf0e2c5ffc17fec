package io.inferctl.command.webhook.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

/**
 * The Standard Webhooks signature scheme (https://www.standardwebhooks.com): {@code webhook-signature}
 * holds space-separated {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}; one that matches any
 * of the integration's current keys verifies the delivery. Every candidate is compared in constant
 * time, against every key, so the time taken tells nothing about how close a forgery came.
 */
public final class StandardWebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION_PREFIX = "v1,";

    private final Duration tolerance;

    public StandardWebhookSignature(Duration tolerance) {
        this.tolerance = tolerance;
    }

    /** @return why the delivery is not authentic, or empty when one signature matches */
    public Optional<String> refusal(String id, String timestamp, String signatures, byte[] body,
                                    Collection<byte[]> keys, Instant now) {
        if (id == null || id.isBlank()) {
            return Optional.of("the webhook-id header is missing");
        }
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.of("the webhook-timestamp header is missing");
        }
        if (signatures == null || signatures.isBlank()) {
            return Optional.of("the webhook-signature header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Optional.of("the webhook-timestamp header is not a number of seconds since the epoch");
        }
        long skew = now.getEpochSecond() - seconds;
        if (Math.abs(skew) > tolerance.toSeconds()) {
            return Optional.of("the webhook-timestamp is " + (skew > 0 ? "older" : "newer") + " than the tolerance of "
                    + tolerance.toSeconds() + " s allows; check the sender's clock or send a fresh delivery");
        }
        boolean matched = false;
        for (byte[] key : keys) {
            byte[] expected = sign(key, id, timestamp, body);
            for (String candidate : signatures.trim().split(" +")) {
                if (!candidate.startsWith(VERSION_PREFIX)) {
                    continue;
                }
                byte[] given = decode(candidate.substring(VERSION_PREFIX.length()));
                // No early exit: each candidate costs the same whether or not an earlier one matched.
                matched |= given != null && MessageDigest.isEqual(expected, given);
            }
        }
        return matched ? Optional.empty() : Optional.of("no signature in webhook-signature matches this integration's secret");
    }

    /** The {@code v1,<base64>} signature of a delivery, as a sender computes it. */
    public static String header(byte[] key, String id, String timestamp, byte[] body) {
        return VERSION_PREFIX + Base64.getEncoder().encodeToString(sign(key, id, timestamp, body));
    }

    private static byte[] sign(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
