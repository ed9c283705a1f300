package dev.switchboard.gateway.ops;

import dev.switchboard.gateway.api.Problem;
import dev.switchboard.gateway.attempts.Attempt;
import dev.switchboard.gateway.attempts.AttemptLog;
import dev.switchboard.gateway.delivery.CircuitBreaker;
import dev.switchboard.gateway.delivery.DeliveryQueue;
import dev.switchboard.gateway.delivery.DeliveryTask;
import dev.switchboard.gateway.delivery.DeliveryTime;
import dev.switchboard.gateway.delivery.DeliveryWorker;
import dev.switchboard.gateway.delivery.TargetControlStore;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Delivery admin API: what is happening towards each target, and the levers an operator needs. */
@Path("/api/v1/delivery")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryOpsResource {

    private static final int MAX_LIMIT = 500;

    private final TargetRegistry targets;
    private final DeliveryQueue queue;
    private final AttemptLog attempts;
    private final LinkStore links;
    private final TargetControlStore controls;
    private final DeliveryWorker worker;
    private final DeliveryTime time;

    DeliveryOpsResource(TargetRegistry targets, DeliveryQueue queue, AttemptLog attempts, LinkStore links,
                        TargetControlStore controls, DeliveryWorker worker, DeliveryTime time) {
        this.targets = targets;
        this.queue = queue;
        this.attempts = attempts;
        this.links = links;
        this.controls = controls;
        this.worker = worker;
        this.time = time;
    }

    @GET
    @Path("/targets")
    public List<OpsViews.TargetStatus> targets() {
        Set<String> paused = controls.pausedTargets();
        return targets.all().stream().map(target -> status(target, paused)).toList();
    }

    @GET
    @Path("/targets/{targetId}")
    public Response target(@PathParam("targetId") String targetId) {
        return withTarget(targetId, target -> Response.ok(status(target, controls.pausedTargets())).build());
    }

    @POST
    @Path("/targets/{targetId}/pause")
    public Response pause(@PathParam("targetId") String targetId) {
        return withTarget(targetId, target -> {
            controls.setPaused(target.id(), true, now());
            return Response.ok(status(target, controls.pausedTargets())).build();
        });
    }

    @POST
    @Path("/targets/{targetId}/resume")
    public Response resume(@PathParam("targetId") String targetId) {
        return withTarget(targetId, target -> {
            controls.setPaused(target.id(), false, now());
            worker.wake();
            return Response.ok(status(target, controls.pausedTargets())).build();
        });
    }

    /** Enqueues every stored subject for the target: initial load or reconciliation. */
    @POST
    @Path("/targets/{targetId}/resync")
    public Response resync(@PathParam("targetId") String targetId) {
        return withTarget(targetId, target -> {
            int enqueued = queue.enqueueAll(target.id(), now());
            worker.wake();
            return Response.accepted(new OpsViews.Count("resync", enqueued)).build();
        });
    }

    @GET
    @Path("/targets/{targetId}/attempts")
    public Response attempts(@PathParam("targetId") String targetId, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Problem.response(Response.Status.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return withTarget(targetId, target -> Response.ok(
                attempts.ofTarget(target.id(), limit).stream().map(OpsViews.AttemptView::of).toList()).build());
    }

    @GET
    @Path("/dead-letters")
    public Response deadLetters(@QueryParam("target") String target, @QueryParam("targetId") String targetIdAlias,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        String targetId = target != null ? target : targetIdAlias;
        if (limit < 1 || limit > MAX_LIMIT) {
            return Problem.response(Response.Status.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return Response.ok(queue.deadLetters(Optional.ofNullable(targetId), limit).stream().map(OpsViews.TaskView::of).toList()).build();
    }

    @POST
    @Path("/dead-letters/{taskId}/retry")
    public Response retry(@PathParam("taskId") long taskId) {
        if (!queue.replay(taskId, now())) {
            return Problem.response(Response.Status.NOT_FOUND, "taskId " + taskId + " is not a dead letter");
        }
        worker.wake();
        return Response.accepted(new OpsViews.Count("retry", 1)).build();
    }

    /** Bulk replay: every dead letter of one target ({@code target}, or {@code targetId} as the console contract names it). */
    @POST
    @Path("/dead-letters/retry")
    public Response retryAll(@QueryParam("target") String targetParam, @QueryParam("targetId") String targetIdAlias) {
        String targetId = targetParam != null ? targetParam : targetIdAlias;
        if (targetId == null || targetId.isBlank()) {
            return Problem.response(Response.Status.BAD_REQUEST, "target is required");
        }
        return withTarget(targetId, target -> {
            int replayed = queue.replayAll(target.id(), now());
            worker.wake();
            return Response.accepted(new OpsViews.Count("retry", replayed)).build();
        });
    }

    @DELETE
    @Path("/dead-letters/{taskId}")
    public Response discard(@PathParam("taskId") long taskId) {
        if (!queue.discard(taskId)) {
            return Problem.response(Response.Status.NOT_FOUND, "taskId " + taskId + " is not a dead letter");
        }
        return Response.noContent().build();
    }

    /** One subject across all targets: link, pending work, recent attempts. {@code type} is users or groups. */
    @GET
    @Path("/subjects/{sourceId}/{type}/{subjectId}")
    public Response subject(@PathParam("sourceId") String sourceId, @PathParam("type") String type,
                            @PathParam("subjectId") String subjectId) {
        Optional<SubjectType> subjectType = switch (type.toLowerCase(Locale.ROOT)) {
            case "users" -> Optional.of(SubjectType.USER);
            case "groups" -> Optional.of(SubjectType.GROUP);
            default -> Optional.empty();
        };
        if (subjectType.isEmpty()) {
            return Problem.response(Response.Status.BAD_REQUEST, "type must be users or groups");
        }
        SubjectKey key = new SubjectKey(sourceId, subjectType.get(), subjectId);
        Map<String, TargetLink> linked = links.forSubject(key).stream().collect(Collectors.toMap(TargetLink::targetId, Function.identity()));
        Map<String, DeliveryTask> pending = queue.forSubject(key).stream().collect(Collectors.toMap(DeliveryTask::targetId, Function.identity()));
        List<OpsViews.SubjectTargetStatus> perTarget = targets.all().stream()
                .map(t -> OpsViews.SubjectTargetStatus.of(t.id(), Optional.ofNullable(linked.get(t.id())), Optional.ofNullable(pending.get(t.id()))))
                .toList();
        List<OpsViews.AttemptView> recent = attempts.ofSubject(key, 20).stream().map(OpsViews.AttemptView::of).toList();
        return Response.ok(new OpsViews.SubjectStatus(sourceId, subjectType.get().name(), subjectId, perTarget, recent)).build();
    }

    private OpsViews.TargetStatus status(TargetDefinition target, Set<String> paused) {
        Instant now = now();
        DeliveryQueue.Backlog backlog = queue.backlog(target.id());
        AttemptLog.Counts lastHour = attempts.countsSince(target.id(), now.minus(Duration.ofHours(1)));
        Optional<Attempt> lastSuccess = attempts.latest(target.id(), true);
        Optional<Attempt> lastError = attempts.latest(target.id(), false);
        Optional<CircuitBreaker.State> breaker = worker.breakerState(target.id());
        String state;
        if (paused.contains(target.id())) {
            state = "paused";
        } else if (breaker.filter(b -> b != CircuitBreaker.State.CLOSED).isPresent()) {
            state = "circuit-open";
        } else if (backlog.dead() > 0 || lastError.isPresent() && lastHour.failed() > 0
                && lastSuccess.map(s -> s.attemptedAt().isBefore(lastError.get().attemptedAt())).orElse(true)) {
            state = "degraded";
        } else {
            state = "healthy";
        }
        return new OpsViews.TargetStatus(target.id(), target.displayName(), state, backlog.pending(), backlog.dead(),
                backlog.oldestPending().map(oldest -> Math.max(0, Duration.between(oldest, now).toSeconds())),
                lastHour.succeeded(), lastHour.failed(),
                lastSuccess.map(OpsViews.AttemptView::of), lastError.map(OpsViews.AttemptView::of));
    }

    private Response withTarget(String targetId, Function<TargetDefinition, Response> action) {
        return targets.byId(targetId).map(action)
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND, "targetId " + targetId + " is not a configured target"));
    }

    private Instant now() {
        return time.clock().instant();
    }
}
