package dev.switchboard.gateway.planner;

import java.util.List;
import java.util.Set;

/**
 * What one target needs for one subject.
 *
 * @param steps             remote changes, in order; empty when the target is already right
 * @param waitingForGroups  groups the user should join that are not provisioned at the target yet:
 *                          the worker provisions them first and comes back for the membership
 * @param reason            why, in a few words, for logs and the console
 */
public record Plan(List<Step> steps, Set<String> waitingForGroups, String reason) {

    public Plan {
        steps = List.copyOf(steps);
        waitingForGroups = Set.copyOf(waitingForGroups);
    }

    static Plan nothing(String reason) {
        return new Plan(List.of(), Set.of(), reason);
    }

    public boolean isNoOp() {
        return steps.isEmpty() && waitingForGroups.isEmpty();
    }
}
