package dev.switchboard.gateway.ops;

import dev.switchboard.gateway.attempts.Attempt;
import dev.switchboard.gateway.delivery.DeliveryTask;
import dev.switchboard.gateway.links.TargetLink;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of the delivery admin API. */
public final class OpsViews {

    private OpsViews() {
    }

    /** @param state one of {@code healthy}, {@code degraded}, {@code circuit-open}, {@code paused} */
    record TargetStatus(String targetId, String displayName, String state, long backlog, long deadLetters,
                        Optional<Long> oldestPendingAgeSeconds, long succeededLastHour, long failedLastHour,
                        Optional<AttemptView> lastSuccess, Optional<AttemptView> lastError) {
    }

    /** One remote call as the API shows it; excerpts were redacted before they were stored. */
    public record AttemptView(long id, String targetId, String sourceId, String subjectType, String subjectId, String method,
                       String path, int status, long latencyMillis, String outcome, Optional<String> requestExcerpt,
                       Optional<String> responseExcerpt, Instant attemptedAt) {
        public static AttemptView of(Attempt a) {
            return new AttemptView(a.id(), a.targetId(), a.key().sourceId(), a.key().type().name(), a.key().subjectId(),
                    a.method(), a.path(), a.status(), a.latencyMillis(), a.outcome(), a.requestExcerpt(), a.responseExcerpt(),
                    a.attemptedAt());
        }
    }

    record TaskView(long id, String targetId, String sourceId, String subjectType, String subjectId, long wantedSeq,
                    String status, int attempts, Instant nextAttemptAt, Instant firstEnqueuedAt, Optional<String> lastError) {
        static TaskView of(DeliveryTask t) {
            return new TaskView(t.id(), t.targetId(), t.key().sourceId(), t.key().type().name(), t.key().subjectId(),
                    t.wantedSeq(), t.status().name(), t.attempts(), t.nextAttemptAt(), t.firstEnqueuedAt(), t.lastError());
        }
    }

    /** One target's view of one subject. */
    record SubjectTargetStatus(String targetId, Optional<String> remoteId, Optional<String> linkState, Optional<Long> appliedSeq,
                               Optional<Instant> linkUpdatedAt, Optional<TaskView> pendingWork) {
        static SubjectTargetStatus of(String targetId, Optional<TargetLink> link, Optional<DeliveryTask> task) {
            return new SubjectTargetStatus(targetId, link.map(TargetLink::remoteId), link.map(l -> l.state().name()),
                    link.map(TargetLink::appliedSeq), link.map(TargetLink::updatedAt), task.map(TaskView::of));
        }
    }

    record SubjectStatus(String sourceId, String subjectType, String subjectId, List<SubjectTargetStatus> targets,
                         List<AttemptView> recentAttempts) {
    }

    record Count(String action, long count) {
    }
}
