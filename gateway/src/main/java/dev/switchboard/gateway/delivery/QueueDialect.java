package dev.switchboard.gateway.delivery;

import java.util.Optional;

/**
 * The few statements whose SQL differs between PostgreSQL and H2. Chosen once from the
 * datasource's db-kind, so the queue itself has no database {@code if}s.
 */
interface QueueDialect {

    /**
     * Inserts a pending task or raises the wanted seq of the existing one (never a second row);
     * a dead task comes back to life with fresh attempts. Parameters: target, source, subject
     * type, subject id, seq, now.
     */
    String upsertTask();

    /** {@link #upsertTask()} for every stored subject of every source. Parameters: target, now. */
    String upsertAllSubjects();

    /**
     * Locks up to n due, unleased pending rows of one target, skipping rows another worker holds.
     * Parameters: target, now, now, limit. Returns ids.
     */
    String selectDueForUpdate();

    /**
     * Claims in one statement and returns the claimed rows, where the database can
     * ({@code UPDATE ... RETURNING}); empty where the claim takes select, update and read-back.
     * Parameters: lease until, lease until (the new
     * {@code next_attempt_at}), claim token, now, target, now, now, limit. Returns the task columns.
     */
    Optional<String> claimReturning();

    /**
     * {@link #claimReturning()} that also returns, per claimed row, the subject's state
     * ({@code state_seq}, {@code state_deleted}, {@code state_snapshot}, null when not stored) and
     * the target's link ({@code LinkStore.JOINED_COLUMNS}, null when none): a task then needs no
     * reads of its own. Same parameters. Empty where the database claims in several statements.
     */
    Optional<String> claimWithInputs();
}
