package dev.switchboard.gateway.intake.poll;

import java.util.Map;

/**
 * RFC 8936 §2.5 poll response.
 *
 * @param sets the transmitter's {@code jti} → compact SET
 */
public record PollResponse(Map<String, String> sets, boolean moreAvailable) {
}
