package dev.switchboard.keycloak.outbox;

/**
 * Life of an outbox row. Only {@link OutboxStore} moves rows between states.
 *
 * <pre>
 *   (change committed) ──> PENDING ──ack──────> (row deleted)
 *                             │
 *                             └──setErrs──> DEAD ──retention passed──> (row deleted)
 * </pre>
 *
 * A PENDING row is served (and signed) again on every poll until acknowledged.
 */
public enum OutboxState {
    PENDING,
    DEAD
}
