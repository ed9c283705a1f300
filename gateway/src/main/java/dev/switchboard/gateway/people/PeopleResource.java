package dev.switchboard.gateway.people;

import dev.switchboard.gateway.api.Problem;
import dev.switchboard.gateway.attempts.AttemptLog;
import dev.switchboard.gateway.delivery.DeliveryQueue;
import dev.switchboard.gateway.delivery.DeliveryTask;
import dev.switchboard.gateway.delivery.SubjectStateReader;
import dev.switchboard.gateway.events.EventFilter;
import dev.switchboard.gateway.events.EventQueries;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.listing.ListParams;
import dev.switchboard.gateway.ops.OpsViews;
import dev.switchboard.gateway.planner.SubjectState;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Find a person, and see them across every target. */
@Path("/api/v1/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    static final int ATTEMPTS_PER_TARGET = 5;
    static final int RECENT_ATTEMPTS = 50;
    static final int RECENT_EVENTS = 20;

    private final PeopleSearch search;
    private final SubjectStateReader states;
    private final TargetRegistry targets;
    private final LinkStore links;
    private final DeliveryQueue queue;
    private final AttemptLog attempts;
    private final EventQueries events;
    private final ProvisionNow provisioning;

    PeopleResource(PeopleSearch search, SubjectStateReader states, TargetRegistry targets, LinkStore links,
                   DeliveryQueue queue, AttemptLog attempts, EventQueries events, ProvisionNow provisioning) {
        this.search = search;
        this.states = states;
        this.targets = targets;
        this.links = links;
        this.queue = queue;
        this.attempts = attempts;
        this.events = events;
        this.provisioning = provisioning;
    }

    /** @param nextCursor absent on the last page */
    public record Page(List<Person> people, String nextCursor) {
    }

    @GET
    public Page people(@QueryParam("q") String q, @QueryParam("idp") String idp, @QueryParam("limit") String limit,
                       @QueryParam("cursor") String cursor) {
        int bounded = ListParams.limit(limit, 50);
        List<Person> found = search.search(ListParams.text(q), ListParams.text(idp), ListParams.cursor(cursor, 3), bounded + 1);
        List<Person> page = found.subList(0, Math.min(bounded, found.size()));
        String next = null;
        if (found.size() > bounded) {
            Person last = page.get(page.size() - 1);
            next = ListParams.cursor(List.of(last.userName(), last.sourceId(), last.subjectId()));
        }
        return new Page(page, next);
    }

    @GET
    @Path("/{sourceId}/{subjectId}")
    public Response person(@PathParam("sourceId") String sourceId, @PathParam("subjectId") String subjectId) {
        Optional<Person> person = search.find(sourceId, subjectId);
        if (person.isEmpty()) {
            return Problem.response(Response.Status.NOT_FOUND, "no user %s at source %s".formatted(subjectId, sourceId));
        }
        SubjectKey key = new SubjectKey(sourceId, SubjectType.USER, subjectId);
        Optional<UserSnapshot> alive = states.find(key).filter(s -> !s.deleted()).map(SubjectState::snapshot)
                .filter(UserSnapshot.class::isInstance).map(UserSnapshot.class::cast);
        Map<String, TargetLink> linked = links.forSubject(key).stream().collect(Collectors.toMap(TargetLink::targetId, Function.identity()));
        Map<String, DeliveryTask> queued = queue.forSubject(key).stream().collect(Collectors.toMap(DeliveryTask::targetId, Function.identity()));
        Map<String, List<OpsViews.AttemptView>> recent = attempts.ofSubject(key, RECENT_ATTEMPTS).stream()
                .map(OpsViews.AttemptView::of).collect(Collectors.groupingBy(OpsViews.AttemptView::targetId));
        List<PersonDetail.PersonTarget> perTarget = targets.all().stream()
                .sorted(Comparator.comparing(TargetDefinition::id))
                .map(target -> atTarget(target, sourceId, alive, Optional.ofNullable(linked.get(target.id())),
                        Optional.ofNullable(queued.get(target.id())), recent.getOrDefault(target.id(), List.of())))
                .toList();
        EventFilter theirs = new EventFilter(Optional.of(sourceId), Optional.empty(), Optional.of(subjectId),
                Optional.empty(), Optional.empty(), Optional.empty());
        return Response.ok(PersonDetail.of(person.get(), perTarget,
                events.find(theirs, RECENT_EVENTS).stream().map(EventQueries.Row::event).toList())).build();
    }

    /** Provision-on-demand: delivers this person to every target now and answers with each step's result. */
    @POST
    @Path("/{sourceId}/{subjectId}/provision")
    public Response provision(@PathParam("sourceId") String sourceId, @PathParam("subjectId") String subjectId)
            throws InterruptedException {
        return provisioning.provision(new SubjectKey(sourceId, SubjectType.USER, subjectId))
                .map(result -> Response.ok(result).build())
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND, "no user %s at source %s".formatted(subjectId, sourceId)));
    }

    private static PersonDetail.PersonTarget atTarget(TargetDefinition target, String sourceId, Optional<UserSnapshot> alive,
                                                      Optional<TargetLink> link, Optional<DeliveryTask> task,
                                                      List<OpsViews.AttemptView> recent) {
        boolean inScope = alive.filter(user -> target.scope().includes(sourceId, user)).isPresent();
        boolean dead = task.filter(t -> t.status() == DeliveryTask.TaskStatus.DEAD).isPresent();
        return new PersonDetail.PersonTarget(target.id(), target.displayName(), inScope,
                link.map(TargetLink::remoteId).orElse(null),
                link.map(l -> l.state().name()).orElse("NOT_PROVISIONED"),
                task.isPresent() && !dead, dead, task.map(DeliveryTask::id).orElse(null),
                task.flatMap(DeliveryTask::lastError).orElse(null),
                recent.subList(0, Math.min(ATTEMPTS_PER_TARGET, recent.size())));
    }
}
