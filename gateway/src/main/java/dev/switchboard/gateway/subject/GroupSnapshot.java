package dev.switchboard.gateway.subject;

/**
 * A Keycloak group as it is now. Members are not listed: membership travels in each member's
 * {@link UserSnapshot}, so a group of 100,000 never makes one huge event.
 */
public record GroupSnapshot(String id, String realm, String name, String path, String parentId) implements Snapshot {
}
