package dev.switchboard.keycloak.outbox;

/**
 * What serving a pending row needs, read as a projection: no managed entity, so a poll answer
 * neither tracks nor flushes the rows it hands over.
 *
 * @param txn       Keycloak event or admin event id that caused the row; null for provider events
 * @param createdAt when the change was captured (epoch millis, the capturing node's clock)
 */
public record PendingRow(long seq, String jti, String txn, SubjectType subjectType, String subjectId,
                         EventType eventType, String snapshot, long createdAt) {
}
