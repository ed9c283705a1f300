package dev.switchboard.gateway.subject;

/**
 * Identifies one user or group at one source (a Keycloak realm).
 *
 * @param sourceId  the configured source name (not the issuer URL)
 * @param type      user or group
 * @param subjectId the source's own id (Keycloak's UUID)
 */
public record SubjectKey(String sourceId, SubjectType type, String subjectId) {
}
