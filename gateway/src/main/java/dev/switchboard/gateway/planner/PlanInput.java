package dev.switchboard.gateway.planner;

import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.targets.TargetDefinition;

import java.util.Map;
import java.util.Optional;

/**
 * Everything the planner looks at for one (target, subject).
 *
 * @param groups for a user at a target that provisions groups: every group in the user's snapshot or
 *               in the link's written memberships, keyed by source group id; empty otherwise
 */
public record PlanInput(SubjectState state, TargetDefinition target, Optional<TargetLink> link, Map<String, MemberGroup> groups) {

    public PlanInput {
        groups = Map.copyOf(groups);
    }
}
