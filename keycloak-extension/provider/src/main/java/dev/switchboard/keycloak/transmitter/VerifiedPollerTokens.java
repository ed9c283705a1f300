package dev.switchboard.keycloak.transmitter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens of pollers that Keycloak verified recently, on this node.
 *
 * <p>Keycloak's own bearer check creates a transient user session, authentication session and
 * client session for every request made with a service-account token; measured on the poll
 * endpoint, that was two thirds of the CPU an empty poll costs, paid again by every poll of a
 * stream of small batches. Remembering the outcome for a few seconds moves that cost to once per
 * window. Only what the check proved about the token is remembered (signature, issuer, expiry,
 * not revoked); whether the service account and its client are still enabled and whether it still
 * holds the role is read from the (cached) model on every poll, so those changes take effect at
 * once. What waits for the window to pass: a revocation of the token itself, or a realm's
 * "not before" push.
 *
 * <p>Keyed by the SHA-256 of the token, so no bearer token sits in the heap longer than its request.
 * Bounded: when full, expired entries are dropped, and if none had expired, everything.
 */
public final class VerifiedPollerTokens {

    static final int MAX_ENTRIES = 1024;

    /** A token Keycloak accepted for {@code userId} of {@code realmId}, trusted until {@code untilMillis}. */
    record Verified(String realmId, String userId, long untilMillis) {
    }

    private final ConcurrentHashMap<String, Verified> byHash = new ConcurrentHashMap<>();
    private final Duration window;
    private final Clock clock;

    public VerifiedPollerTokens(Duration window, Clock clock) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative: " + window);
        }
        this.window = window;
        this.clock = clock;
    }

    boolean enabled() {
        return !window.isZero();
    }

    Optional<Verified> lookup(String realmId, String token) {
        if (!enabled()) {
            return Optional.empty();
        }
        String key = hash(token);
        Verified verified = byHash.get(key);
        if (verified == null) {
            return Optional.empty();
        }
        if (!verified.realmId().equals(realmId) || clock.millis() >= verified.untilMillis()) {
            byHash.remove(key, verified);
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** @param expiresAtSeconds the token's {@code exp}; the entry never outlives the token */
    void remember(String realmId, String userId, String token, Long expiresAtSeconds) {
        if (!enabled()) {
            return;
        }
        long now = clock.millis();
        long until = now + window.toMillis();
        if (expiresAtSeconds != null) {
            until = Math.min(until, expiresAtSeconds * 1000);
        }
        if (until <= now) {
            return;
        }
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.values().removeIf(entry -> entry.untilMillis() <= now);
            if (byHash.size() >= MAX_ENTRIES) {
                byHash.clear();
            }
        }
        byHash.put(hash(token), new Verified(realmId, userId, until));
    }

    /** Forgets a token whose account turned out disabled or gone. */
    void forget(String token) {
        byHash.remove(hash(token));
    }

    int size() {
        return byHash.size();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
