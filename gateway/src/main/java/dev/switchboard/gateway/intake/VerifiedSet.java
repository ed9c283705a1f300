package dev.switchboard.gateway.intake;

import dev.switchboard.gateway.subject.Snapshot;
import dev.switchboard.gateway.subject.SubjectKey;

import java.time.Instant;

/**
 * A SET whose signature, issuer, audience, freshness and shape were checked.
 *
 * @param token the compact JWS exactly as received, kept for the console's event stream
 */
public record VerifiedSet(String jti, long seq, SubjectKey subject, EventType eventType, Instant issuedAt,
                          Snapshot snapshot, String token) {
}
