package dev.switchboard.gateway.overview;

import dev.switchboard.gateway.delivery.DeliveryWorker;
import dev.switchboard.gateway.delivery.TargetControlStore;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's first screen: every target's state in one answer, built from a fixed number of
 * queries (not one per target).
 */
@Path("/api/v1/overview")
@Produces(MediaType.APPLICATION_JSON)
public class OverviewResource {

    private final TargetRegistry targets;
    private final ActivityStore activity;
    private final TargetControlStore controls;
    private final DeliveryWorker worker;
    private final Clock clock;

    OverviewResource(TargetRegistry targets, ActivityStore activity, TargetControlStore controls, DeliveryWorker worker,
                     Clock clock) {
        this.targets = targets;
        this.activity = activity;
        this.controls = controls;
        this.worker = worker;
        this.clock = clock;
    }

    @GET
    public OverviewViews.Overview overview() {
        Instant now = clock.instant();
        Set<String> paused = controls.pausedTargets();
        Map<String, ActivityStore.Backlog> backlogs = activity.backlogs();
        Map<String, ActivityStore.MinuteCounts> lastHour = activity.countsSince(now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES));
        Map<String, ActivityStore.Activity> activities = activity.activities();
        List<OverviewViews.TargetRow> rows = targets.all().stream()
                .sorted(Comparator.comparing(TargetDefinition::id))
                .map(target -> {
                    ActivityStore.Backlog backlog = backlogs.getOrDefault(target.id(), ActivityStore.Backlog.NONE);
                    ActivityStore.MinuteCounts counts = lastHour.getOrDefault(target.id(), ActivityStore.MinuteCounts.NONE);
                    ActivityStore.Activity last = activities.getOrDefault(target.id(), ActivityStore.Activity.NONE);
                    TargetState state = TargetState.of(paused.contains(target.id()), worker.breakerState(target.id()),
                            backlog.dead(), counts.failed(), last.lastSuccessAt(),
                            last.lastError().map(ActivityStore.LastError::at));
                    Long oldestAge = backlog.oldestPending()
                            .map(oldest -> Math.max(0, Duration.between(oldest, now).toSeconds())).orElse(null);
                    return new OverviewViews.TargetRow(target.id(), target.displayName(), state, backlog.pending(),
                            backlog.dead(), oldestAge, counts.succeeded(), counts.failed(),
                            last.lastSuccessAt().orElse(null), OverviewViews.ErrorView.of(last.lastError()));
                })
                .toList();
        return new OverviewViews.Overview(now, rows);
    }
}
