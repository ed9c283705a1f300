package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.links.LinkStore;

import java.util.Optional;

/** PostgreSQL: race-free upsert through ON CONFLICT, claims through FOR UPDATE SKIP LOCKED. */
final class PostgresQueueDialect implements QueueDialect {

    private static final String ON_CONFLICT = """
             ON CONFLICT (target_id, source_id, subject_type, subject_id) DO UPDATE SET
              wanted_seq = GREATEST(delivery_task.wanted_seq, EXCLUDED.wanted_seq),
              status = 'PENDING',
              attempts = CASE WHEN delivery_task.status = 'DEAD' THEN 0 ELSE delivery_task.attempts END,
              next_attempt_at = CASE WHEN delivery_task.status = 'DEAD' THEN EXCLUDED.next_attempt_at
                                     ELSE delivery_task.next_attempt_at END,
              first_enqueued_at = CASE WHEN delivery_task.status = 'DEAD' THEN EXCLUDED.first_enqueued_at
                                       ELSE delivery_task.first_enqueued_at END,
              updated_at = EXCLUDED.updated_at
            """;

    @Override
    public String upsertTask() {
        return """
                INSERT INTO delivery_task (target_id, source_id, subject_type, subject_id, wanted_seq, status, attempts,
                                           next_attempt_at, first_enqueued_at, updated_at)
                SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT),
                       'PENDING', 0, t, t, t FROM (SELECT CAST(? AS TIMESTAMP WITH TIME ZONE) AS t) now_at
                """ + ON_CONFLICT;
    }

    @Override
    public String upsertAllSubjects() {
        return """
                INSERT INTO delivery_task (target_id, source_id, subject_type, subject_id, wanted_seq, status, attempts,
                                           next_attempt_at, first_enqueued_at, updated_at)
                SELECT CAST(? AS VARCHAR), s.source_id, s.subject_type, s.subject_id, s.seq, 'PENDING', 0, n.t, n.t, n.t
                FROM subject_state s CROSS JOIN (SELECT CAST(? AS TIMESTAMP WITH TIME ZONE) AS t) n
                """ + ON_CONFLICT;
    }

    @Override
    public String selectDueForUpdate() {
        return """
                SELECT id FROM delivery_task
                WHERE target_id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                  AND (locked_until IS NULL OR locked_until <= ?)
                ORDER BY next_attempt_at, id
                LIMIT ?
                FOR UPDATE SKIP LOCKED
                """;
    }

    /**
     * Locks, leases and returns the rows in one round trip; the inner select keeps the index-ordered
     * {@code LIMIT} and {@code SKIP LOCKED}, so replicas still never share a row.
     */
    @Override
    public Optional<String> claimReturning() {
        return Optional.of("""
                UPDATE delivery_task SET locked_until = ?, next_attempt_at = ?, locked_by = ?, claimed_seq = wanted_seq, updated_at = ?
                WHERE id IN (""" + selectDueForUpdate() + """
                )
                RETURNING id, target_id, source_id, subject_type, subject_id, wanted_seq, status, attempts, next_attempt_at,
                          locked_by, first_enqueued_at, last_error
                """);
    }

    /**
     * The claim as a data-modifying CTE, joined with {@code subject_state} and {@code target_link}
     * by primary key. The joins read the statement's snapshot: a change committed while the claim
     * runs may be newer than the state returned, which the completion notices ({@code wanted_seq}
     * above the delivered seq) and delivers again. The link cannot move meanwhile: only the holder
     * of a task writes its link.
     */
    @Override
    public Optional<String> claimWithInputs() {
        return Optional.of("WITH claimed AS (" + claimReturning().orElseThrow() + ")\n" + """
                SELECT c.*, s.seq AS state_seq, s.deleted AS state_deleted, s.snapshot AS state_snapshot,
                       %s
                FROM claimed c
                LEFT JOIN subject_state s
                       ON s.source_id = c.source_id AND s.subject_type = c.subject_type AND s.subject_id = c.subject_id
                LEFT JOIN target_link l
                       ON l.target_id = c.target_id AND l.source_id = c.source_id AND l.subject_type = c.subject_type
                      AND l.subject_id = c.subject_id
                """.formatted(LinkStore.JOINED_COLUMNS));
    }
}
