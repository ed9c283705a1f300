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
 * A PENDING row is served again on every poll until acknowledged; whether it has been signed yet is
 * a separate fact (its token column), not a state, because signing does not change what happens next.
 */
public enum OutboxState {
    PENDING,
    DEAD
}
