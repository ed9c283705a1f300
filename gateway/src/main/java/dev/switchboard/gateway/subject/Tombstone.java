package dev.switchboard.gateway.subject;

/**
 * What remains of a deleted subject: its last known identifiers, enough to find and
 * deprovision the remote account even if the gateway never saw it alive.
 */
public record Tombstone(SubjectType type, String id, String realm, String username, String email) implements Snapshot {
}
