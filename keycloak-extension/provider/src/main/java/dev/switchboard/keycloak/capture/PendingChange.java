package dev.switchboard.keycloak.capture;

import java.util.Optional;

import dev.switchboard.keycloak.snapshot.Snapshot;

/** What the transaction will write for one subject when it is about to commit. */
sealed interface PendingChange {

    Optional<String> txn();

    /** Re-read the subject at commit time and emit its snapshot if it changed. */
    record Upsert(Optional<String> txn) implements PendingChange {
    }

    /** The subject is being removed; the tombstone was taken while it still existed. */
    record Delete(Snapshot tombstone, Optional<String> txn) implements PendingChange {
    }
}
