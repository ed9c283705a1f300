package dev.switchboard.gateway.overview;

import dev.switchboard.gateway.api.Problem;
import dev.switchboard.gateway.listing.ListParams;
import dev.switchboard.gateway.targets.TargetRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per-minute backlog and throughput of one target, for the console's charts. Lives under the
 * targets path beside the targets API, which keeps the target's definition.
 */
@Path("/api/v1/targets/{targetId}")
@Produces(MediaType.APPLICATION_JSON)
public class TargetSeriesResource {

    static final int MAX_MINUTES = 1440;

    private final TargetRegistry targets;
    private final ActivityStore activity;
    private final Clock clock;

    TargetSeriesResource(TargetRegistry targets, ActivityStore activity, Clock clock) {
        this.targets = targets;
        this.activity = activity;
        this.clock = clock;
    }

    /** One point per minute, oldest first, ending with the current minute; the backlog carries the newest sample forward. */
    @GET
    @Path("/series")
    public Response series(@PathParam("targetId") String targetId, @QueryParam("minutes") String minutesParam) {
        int minutes = ListParams.bounded("minutes", minutesParam, 60, 1, MAX_MINUTES);
        if (targets.byId(targetId).isEmpty()) {
            return Problem.response(Response.Status.NOT_FOUND, "targetId " + targetId + " is not a configured target");
        }
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant first = current.minus(Duration.ofMinutes(minutes - 1L));
        Map<Instant, ActivityStore.MinuteRow> stored = activity.minutes(targetId, first).stream()
                .collect(Collectors.toMap(ActivityStore.MinuteRow::minute, Function.identity()));
        List<OverviewViews.Point> points = new ArrayList<>(minutes);
        long backlog = 0;
        for (Instant minute = first; !minute.isAfter(current); minute = minute.plus(Duration.ofMinutes(1))) {
            Optional<ActivityStore.MinuteRow> row = Optional.ofNullable(stored.get(minute));
            backlog = row.flatMap(ActivityStore.MinuteRow::backlog).orElse(backlog);
            ActivityStore.MinuteCounts counts = row.map(ActivityStore.MinuteRow::counts).orElse(ActivityStore.MinuteCounts.NONE);
            points.add(new OverviewViews.Point(minute, backlog, counts.succeeded(), counts.failed()));
        }
        return Response.ok(new OverviewViews.Series(targetId, minutes, points)).build();
    }
}
