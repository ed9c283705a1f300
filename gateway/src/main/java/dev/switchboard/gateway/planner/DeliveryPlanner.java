package dev.switchboard.gateway.planner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.gateway.links.LinkState;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.Tombstone;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the desired remote state of a subject (scope + mapping of its newest snapshot) with
 * what the link says was last written, and returns the steps that close the gap.
 *
 * <p>Pure: no I/O, no clock. The same input always gives the same plan, which is why replayed and
 * reordered events are harmless: they all lead to the newest stored state, whose plan is empty
 * once it has been delivered.
 */
@ApplicationScoped
public class DeliveryPlanner {

    public Plan plan(PlanInput input) {
        SubjectState state = input.state();
        Optional<TargetLink> link = input.link();
        if (link.filter(TargetLink::isTombstone).isPresent()) {
            return Plan.nothing("deleted at source earlier; never recreated");
        }
        if (state.deleted() || state.snapshot() instanceof Tombstone) {
            return deprovision(input, true, "deleted at source");
        }
        if (!inScope(input)) {
            return deprovision(input, false, "out of scope");
        }
        ObjectNode desired = desiredResource(input);
        String hash = DesiredStateHash.of(desired);
        ResourceType type = resourceType(state.key().type());

        List<Step> steps = new ArrayList<>();
        boolean needsAccount = link.isEmpty() || link.get().state() == LinkState.DELETED;
        if (needsAccount) {
            steps.add(new Step.Create(type, desired, hash));
        } else if (!link.get().stateHash().equals(hash)) {
            TargetLink current = link.get();
            steps.add(new Step.Update(type, current.remoteId(), current.lastWritten(), desired, hash, current.remoteVersion()));
        }
        Set<String> waiting = new TreeSet<>();
        if (state.snapshot() instanceof UserSnapshot && input.target().provisionGroups()) {
            Set<String> written = needsAccount ? Set.of() : link.get().memberships();
            planMemberships(input, written, steps, waiting);
        }
        if (steps.isEmpty() && waiting.isEmpty()) {
            return Plan.nothing("unchanged");
        }
        return new Plan(steps, waiting, needsAccount ? "create" : "update");
    }

    private static void planMemberships(PlanInput input, Set<String> written, List<Step> steps, Set<String> waiting) {
        for (MemberGroup group : input.groups().values().stream().sorted(Comparator.comparing(MemberGroup::groupId)).toList()) {
            boolean isWritten = written.contains(group.groupId());
            Optional<String> remoteGroup = group.activeRemoteId();
            if (group.wanted() && !isWritten) {
                remoteGroup.ifPresentOrElse(
                        remoteId -> steps.add(new Step.AddMembership(group.groupId(), remoteId)),
                        () -> waiting.add(group.groupId()));
            } else if (!group.wanted() && isWritten && !group.deletedAtSource()) {
                // a group already gone remotely took its memberships with it: nothing to remove there;
                // nor from one deleted at the source: its own task deletes it with its members, and a
                // removal racing that delete would meet a missing group (Keycloak's SCIM answers 500)
                remoteGroup.ifPresent(remoteId -> steps.add(new Step.RemoveMembership(group.groupId(), remoteId)));
            }
        }
    }

    private static Plan deprovision(PlanInput input, boolean sourceDeleted, String reason) {
        Optional<TargetLink> link = input.link();
        SubjectType type = input.state().key().type();
        boolean deactivate = type == SubjectType.USER && input.target().deprovision() == DeprovisionMode.DEACTIVATE;
        if (link.isEmpty() && sourceDeleted && input.state().snapshot() instanceof Tombstone tombstone) {
            return new Plan(List.of(new Step.DeprovisionUnrecorded(resourceType(type), identifiers(tombstone), !deactivate)),
                    Set.of(), reason + "; no account recorded, looking for one");
        }
        if (link.isEmpty() || link.get().state() == LinkState.DELETED) {
            return Plan.nothing(reason + "; not provisioned");
        }
        TargetLink current = link.get();
        if (!deactivate) {
            return new Plan(List.of(new Step.Delete(resourceType(type), current.remoteId(), sourceDeleted)), Set.of(), reason);
        }
        if (current.state() == LinkState.DEACTIVATED) {
            return Plan.nothing(reason + "; already deactivated");
        }
        ObjectNode desired = current.lastWritten().deepCopy();
        desired.put("active", false);
        return new Plan(List.of(new Step.Deactivate(current.remoteId(), current.lastWritten(), desired,
                DesiredStateHash.of(desired), current.remoteVersion(), sourceDeleted)), Set.of(), reason);
    }

    /** The last known identifiers of a deleted subject, in the SCIM shape the matching keys read. */
    private static ObjectNode identifiers(Tombstone tombstone) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("externalId", tombstone.id());
        if (tombstone.type() == SubjectType.GROUP) {
            if (tombstone.username() != null) {
                out.put("displayName", tombstone.username());
            }
            return out;
        }
        if (tombstone.username() != null) {
            out.put("userName", tombstone.username());
        }
        if (tombstone.email() != null) {
            out.putArray("emails").addObject().put("value", tombstone.email()).put("primary", true);
        }
        return out;
    }

    private static boolean inScope(PlanInput input) {
        TargetDefinition target = input.target();
        String sourceId = input.state().key().sourceId();
        if (input.state().snapshot() instanceof UserSnapshot user) {
            return target.scope().includes(sourceId, user);
        }
        if (input.state().snapshot() instanceof GroupSnapshot group) {
            return target.provisionGroups() && target.scope().includes(sourceId, group);
        }
        return false;
    }

    private static ObjectNode desiredResource(PlanInput input) {
        if (input.state().snapshot() instanceof UserSnapshot user) {
            return input.target().mapping().user(user);
        }
        if (input.state().snapshot() instanceof GroupSnapshot group) {
            return input.target().mapping().group(group);
        }
        throw new IllegalStateException("a tombstone has no desired resource");
    }

    static ResourceType resourceType(SubjectType type) {
        return switch (type) {
            case USER -> ResourceType.USER;
            case GROUP -> ResourceType.GROUP;
        };
    }
}
