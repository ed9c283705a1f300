package dev.switchboard.gateway.links;

/**
 * Where a linked remote account stands.
 *
 * <pre>
 *   (none) --create/adopt--> ACTIVE --deprovision(DEACTIVATE)--> DEACTIVATED --back in scope--> ACTIVE
 *                              |                                     |
 *                              +--deprovision(DELETE)--> DELETED <---+
 * </pre>
 * A DELETED link whose subject was deleted at the source is a tombstone: nothing recreates it.
 */
public enum LinkState {
    ACTIVE,
    DEACTIVATED,
    DELETED
}
