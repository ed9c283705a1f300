package dev.switchboard.gateway.delivery;

import java.util.Optional;

/**
 * H2 (the embedded single-process default): MERGE for the upsert, a plain FOR UPDATE for the
 * claim. There is one process, so nobody else's locks need skipping.
 */
final class H2QueueDialect implements QueueDialect {

    private static final String MERGE_ACTIONS = """
             ON d.target_id = s.target_id AND d.source_id = s.source_id
               AND d.subject_type = s.subject_type AND d.subject_id = s.subject_id
            WHEN MATCHED THEN UPDATE SET
              wanted_seq = GREATEST(d.wanted_seq, s.seq),
              status = 'PENDING',
              attempts = CASE WHEN d.status = 'DEAD' THEN 0 ELSE d.attempts END,
              next_attempt_at = CASE WHEN d.status = 'DEAD' THEN s.t ELSE d.next_attempt_at END,
              first_enqueued_at = CASE WHEN d.status = 'DEAD' THEN s.t ELSE d.first_enqueued_at END,
              updated_at = s.t
            WHEN NOT MATCHED THEN INSERT (target_id, source_id, subject_type, subject_id, wanted_seq, status, attempts,
                                          next_attempt_at, first_enqueued_at, updated_at)
              VALUES (s.target_id, s.source_id, s.subject_type, s.subject_id, s.seq, 'PENDING', 0, s.t, s.t, s.t)
            """;

    @Override
    public String upsertTask() {
        return """
                MERGE INTO delivery_task d
                USING (SELECT CAST(? AS VARCHAR(100)) AS target_id, CAST(? AS VARCHAR(100)) AS source_id,
                              CAST(? AS VARCHAR(10)) AS subject_type, CAST(? AS VARCHAR(100)) AS subject_id,
                              CAST(? AS BIGINT) AS seq, CAST(? AS TIMESTAMP WITH TIME ZONE) AS t) s
                """ + MERGE_ACTIONS;
    }

    @Override
    public String upsertAllSubjects() {
        return """
                MERGE INTO delivery_task d
                USING (SELECT CAST(? AS VARCHAR(100)) AS target_id, x.source_id, x.subject_type, x.subject_id,
                              x.seq, CAST(? AS TIMESTAMP WITH TIME ZONE) AS t FROM subject_state x) s
                """ + MERGE_ACTIONS;
    }

    @Override
    public String selectDueForUpdate() {
        return """
                SELECT id FROM delivery_task
                WHERE target_id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                  AND (locked_until IS NULL OR locked_until <= ?)
                ORDER BY next_attempt_at, id
                LIMIT ?
                FOR UPDATE
                """;
    }

    /** H2 has no {@code UPDATE ... RETURNING}: the claim selects, updates and reads back. */
    @Override
    public Optional<String> claimReturning() {
        return Optional.empty();
    }

    @Override
    public Optional<String> claimWithInputs() {
        return Optional.empty();
    }
}
