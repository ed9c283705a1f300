package dev.switchboard.gateway.targets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.UserSnapshot;

/**
 * Turns a snapshot into the SCIM resource one target should hold (core User plus enterprise
 * extension by default, per-target overrides on top). Pure: same input, same output, so the
 * planner can hash the result and skip no-ops.
 */
public interface AttributeMapping {

    ObjectNode user(UserSnapshot user);

    ObjectNode group(GroupSnapshot group);
}
