package dev.switchboard.connectors.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A bearer token and when to stop using it. Refreshing a little before expiry keeps a request that is
 * already in flight from arriving with a token that died on the way.
 */
record AccessToken(String value, Instant refreshAt) {

    /** Tokens without {@code expires_in} are trusted this long. */
    static final Duration ASSUMED_LIFETIME = Duration.ofSeconds(60);
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    static AccessToken issued(String value, Instant now, Duration lifetime) {
        Duration margin = lifetime.dividedBy(5);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        return new AccessToken(value, now.plus(lifetime).minus(margin));
    }

    boolean usableAt(Instant now) {
        return now.isBefore(refreshAt);
    }

    String header() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[value=***, refreshAt=" + refreshAt + "]";
    }
}
