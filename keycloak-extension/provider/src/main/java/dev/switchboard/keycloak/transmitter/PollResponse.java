package dev.switchboard.keycloak.transmitter;

import java.util.Map;

/**
 * An RFC 8936 poll response; {@code sets} keeps seq order in iteration (the receiver still sorts by
 * the {@code seq} claim, since JSON objects have no order).
 */
record PollResponse(Map<String, String> sets, boolean moreAvailable) {

    static PollResponse empty() {
        return new PollResponse(Map.of(), false);
    }
}
