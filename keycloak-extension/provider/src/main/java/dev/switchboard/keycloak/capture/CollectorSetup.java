package dev.switchboard.keycloak.capture;

import dev.switchboard.keycloak.metrics.OutboxMetrics;
import dev.switchboard.keycloak.outbox.OutboxSignal;

/**
 * What every {@link ChangeCollector} of this JVM shares, handed down from the listener factory.
 *
 * @param signal         wakes waiting polls after a commit that added rows
 * @param memberPageSize members read per query when a group rename or removal restates its members
 * @param metrics        counts the rows appended, once their transaction has committed
 */
record CollectorSetup(OutboxSignal signal, int memberPageSize, OutboxMetrics metrics) {

    CollectorSetup {
        if (memberPageSize <= 0) {
            throw new IllegalArgumentException("member page size must be positive, was " + memberPageSize);
        }
    }
}
