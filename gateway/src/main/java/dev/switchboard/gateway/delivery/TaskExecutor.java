package dev.switchboard.gateway.delivery;

import dev.switchboard.connectors.profile.VendorProfiles;
import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.planner.DeliveryPlanner;
import dev.switchboard.gateway.planner.MemberGroup;
import dev.switchboard.gateway.planner.Plan;
import dev.switchboard.gateway.planner.PlanInput;
import dev.switchboard.gateway.planner.SubjectState;
import dev.switchboard.gateway.planner.Step;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.TargetDefinition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works one claimed task: takes the subject's newest state and its link (from the claim, or reads
 * them), plans, runs the steps, and classifies how it ended. Never throws for a remote failure; the outcome says what happened.
 */
@ApplicationScoped
public class TaskExecutor {

    private static final Logger LOG = Logger.getLogger(TaskExecutor.class);

    private final SubjectStateReader states;
    private final LinkStore links;
    private final DeliveryPlanner planner;
    private final TargetClients clients;
    private final RemoteCalls calls;
    private final DeliveryQueue queue;
    private final DeliveryTime time;
    private final DeliveryConfig config;
    private final TaskInputsReader inputs;

    TaskExecutor(SubjectStateReader states, LinkStore links, DeliveryPlanner planner, TargetClients clients, RemoteCalls calls,
                 DeliveryQueue queue, DeliveryTime time, DeliveryConfig config, TaskInputsReader inputs) {
        this.inputs = inputs;
        this.states = states;
        this.links = links;
        this.planner = planner;
        this.clients = clients;
        this.calls = calls;
        this.queue = queue;
        this.time = time;
        this.config = config;
    }

    /** Works a claimed task, reading its state and link first unless the claim brought them. */
    public DeliveryOutcome execute(ClaimedTask claimed, TargetDefinition target) {
        DeliveryTask task = claimed.task();
        TaskInputs inputs = claimed.inputs().orElseGet(() -> this.inputs.read(target.id(), task.key()));
        if (inputs.state().isEmpty()) {
            return new DeliveryOutcome.Skipped(task.wantedSeq(), "subject not stored");
        }
        SubjectState state = inputs.state().get();
        Optional<TargetLink> link = inputs.link();
        Plan plan = planner.plan(new PlanInput(state, target, link, memberGroups(target, state, link)));
        if (plan.isNoOp()) {
            return new DeliveryOutcome.Skipped(state.seq(), plan.reason());
        }
        StepRunner runner = null;
        try {
            runner = new StepRunner(target.id(), task.key(), state.seq(), clients.forTarget(target),
                    VendorProfiles.load(target.connection().profile()), calls, links, time.clock(), link);
            for (Step step : plan.steps()) {
                runner.run(step);
            }
        } catch (ScimException e) {
            saveLinkOf(runner);
            return classify(e);
        } catch (StepRunner.AdoptionImpossible e) {
            saveLinkOf(runner);
            return new DeliveryOutcome.Conflict(e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "event=delivery_error target=%s task=%d", target.id(), task.id());
            saveLinkOf(runner);
            return new DeliveryOutcome.RetryLater(Duration.ZERO, "internal error: " + e.getClass().getSimpleName(), true);
        }
        if (!plan.waitingForGroups().isEmpty()) {
            runner.saveLink();
            provisionGroupsFirst(target, task.key().sourceId(), plan.waitingForGroups());
            return new DeliveryOutcome.RetryLater(config.groupWait(),
                    "waiting for %d group(s) to be provisioned".formatted(plan.waitingForGroups().size()), false);
        }
        return new DeliveryOutcome.Delivered(state.seq(), runner.callCount(), runner.unsavedLink());
    }

    /** A write that succeeded before the task stopped short of delivered keeps its link. */
    private static void saveLinkOf(StepRunner runner) {
        if (runner != null) {
            runner.saveLink();
        }
    }

    static DeliveryOutcome classify(ScimException e) {
        String reason = String.valueOf(e.getMessage());
        if (e instanceof ScimException.Retryable retryable) {
            return new DeliveryOutcome.RetryLater(retryable.retryAfter().orElse(Duration.ZERO), reason, true);
        }
        if (e instanceof ScimException.Conflict) {
            return new DeliveryOutcome.Conflict(reason);
        }
        if (e.retryable()) {
            return new DeliveryOutcome.RetryLater(Duration.ZERO, reason, true);
        }
        return new DeliveryOutcome.Failed(e.status(), reason);
    }

    /** A user's groups must exist at the target before the membership: enqueue them (coalescing). */
    private void provisionGroupsFirst(TargetDefinition target, String sourceId, Set<String> groupIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String groupId : groupIds) {
                SubjectKey groupKey = new SubjectKey(sourceId, SubjectType.GROUP, groupId);
                states.find(groupKey).ifPresent(group -> queue.enqueue(target.id(), groupKey, group.seq(), time.clock().instant()));
            }
        });
    }

    private Map<String, MemberGroup> memberGroups(TargetDefinition target, SubjectState state, Optional<TargetLink> link) {
        if (!(state.snapshot() instanceof UserSnapshot user) || !target.provisionGroups()) {
            return Map.of();
        }
        Set<String> wantedIds = user.groups().stream().map(UserSnapshot.GroupRef::id).collect(Collectors.toSet());
        Set<String> ids = new LinkedHashSet<>(wantedIds);
        link.ifPresent(l -> ids.addAll(l.memberships()));
        String sourceId = state.key().sourceId();
        return ids.stream().map(id -> {
            SubjectKey groupKey = new SubjectKey(sourceId, SubjectType.GROUP, id);
            Optional<SubjectState> group = states.find(groupKey);
            boolean deleted = group.filter(g -> g.deleted() || !(g.snapshot() instanceof GroupSnapshot)).isPresent();
            boolean wanted = wantedIds.contains(id) && group
                    .filter(g -> !g.deleted() && g.snapshot() instanceof GroupSnapshot snapshot
                            && target.scope().includes(sourceId, snapshot))
                    .isPresent();
            return new MemberGroup(id, wanted, deleted, links.find(target.id(), groupKey));
        }).collect(Collectors.toMap(MemberGroup::groupId, Function.identity()));
    }
}
