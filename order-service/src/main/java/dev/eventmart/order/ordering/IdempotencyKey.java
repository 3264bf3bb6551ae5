package dev.eventmart.order.ordering;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's {@code Idempotency-Key} with the fingerprint of the request it came with: a retry carries the same
 * request, so the same fingerprint; another request under a key already used is a client bug, refused with
 * {@link IdempotencyKeyReused} rather than silently answered with the first order.
 *
 * @param key         the header's value
 * @param fingerprint SHA-256 (hex) of the request as read, JSON-encoded: the same body gives the same fingerprint
 *                    whatever its formatting or field order
 */
record IdempotencyKey(String key, String fingerprint) {

    static IdempotencyKey of(String key, PlaceOrderRequest request, JsonMapper json) {
        if (key == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return new IdempotencyKey(key, HexFormat.of().formatHex(digest));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    /** Whether an order placed under this key came from the same request (orders from before fingerprints: yes). */
    boolean matches(Order earlier) {
        return earlier.requestFingerprint() == null || earlier.requestFingerprint().equals(fingerprint);
    }
}
