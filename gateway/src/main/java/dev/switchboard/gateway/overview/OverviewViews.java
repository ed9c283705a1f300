package dev.switchboard.gateway.overview;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of the overview API. */
final class OverviewViews {

    private OverviewViews() {
    }

    record Overview(Instant generatedAt, List<TargetRow> targets) {
    }

    record TargetRow(String targetId, String name, TargetState state, long backlog, long deadLetters,
                     Long oldestPendingAgeSeconds, long succeededLastHour, long failedLastHour, Instant lastSuccessAt,
                     ErrorView lastError) {
    }

    record ErrorView(Instant at, String message) {
        static ErrorView of(Optional<ActivityStore.LastError> error) {
            return error.map(e -> new ErrorView(e.at(), e.message())).orElse(null);
        }
    }

    record Series(String targetId, int minutes, List<Point> points) {
    }

    record Point(Instant at, long backlog, long succeeded, long failed) {
    }
}
