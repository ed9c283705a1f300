package dev.switchboard.keycloak.capture;

import dev.switchboard.keycloak.outbox.OutboxSignal;

/**
 * What every {@link ChangeCollector} of this JVM shares, handed down from the listener factory.
 *
 * @param signal         wakes waiting polls after a commit that added rows
 * @param memberPageSize members read per query when a group rename restates its members
 */
record CollectorSetup(OutboxSignal signal, int memberPageSize) {

    CollectorSetup {
        if (memberPageSize <= 0) {
            throw new IllegalArgumentException("member page size must be positive, was " + memberPageSize);
        }
    }
}
