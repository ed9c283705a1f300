package dev.switchboard.gateway.attempts;

import dev.switchboard.gateway.subject.SubjectKey;

import java.time.Instant;
import java.util.Optional;

/**
 * One remote call.
 *
 * @param status  the HTTP status; 0 when no response arrived. For successful calls it is the
 *                status the SCIM operation answers with by the protocol (201 create, 200 update,
 *                204 delete), since the client returns results rather than raw responses
 * @param outcome {@code ok}, {@code retryable}, {@code conflict}, {@code not_found}, {@code permanent}
 */
public record Attempt(
        long id,
        String targetId,
        SubjectKey key,
        String method,
        String path,
        int status,
        long latencyMillis,
        String outcome,
        Optional<String> requestExcerpt,
        Optional<String> responseExcerpt,
        Instant attemptedAt) {
}
