package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.subject.SubjectKey;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the work queue: bring {@code target} up to date with {@code key}'s newest state.
 *
 * @param wantedSeq       the newest source sequence known to need delivery
 * @param claimToken      identifies this claim; only its holder may complete or reschedule the task
 * @param attempts        failed attempts against the target so far
 * @param firstEnqueuedAt when the oldest change still pending was enqueued (for age limits)
 */
public record DeliveryTask(
        long id,
        String targetId,
        SubjectKey key,
        long wantedSeq,
        TaskStatus status,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> claimToken,
        Instant firstEnqueuedAt,
        Optional<String> lastError) {

    /**
     * <pre>
     *  (enqueue) --> PENDING --delivered, no newer seq--> (row deleted)
     *                  |  ^
     *     exhausted /  |  |  replay, or a newer change arrives
     *     permanent    v  |
     *                 DEAD --discard--> (row deleted)
     * </pre>
     * A PENDING row is in flight while its lease ({@code locked_until}) lies in the future.
     */
    public enum TaskStatus { PENDING, DEAD }
}
