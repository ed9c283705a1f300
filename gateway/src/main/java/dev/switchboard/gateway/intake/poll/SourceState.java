package dev.switchboard.gateway.intake.poll;

/**
 * Where a source's intake stands, as the health check shows it.
 * <pre>
 *  STARTING ──poll ok──> UP <──poll ok── DOWN
 *     │                  │ ──poll failed──> │
 *     └── lease held by another replica ──> STANDBY (healthy: someone else polls)
 *  PUSH_ONLY / DISABLED: no poller runs
 * </pre>
 */
public enum SourceState {
    STARTING, UP, DOWN, STANDBY, PUSH_ONLY, DISABLED;

    public boolean healthy() {
        return this != DOWN;
    }
}
