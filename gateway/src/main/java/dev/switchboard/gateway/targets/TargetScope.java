package dev.switchboard.gateway.targets;

import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.UserSnapshot;

/**
 * Which subjects of which sources belong in a target: realms, IdP aliases, groups and a SCIM
 * filter expression evaluated on the user snapshot. A subject outside scope is deprovisioned.
 */
public interface TargetScope {

    boolean includes(String sourceId, UserSnapshot user);

    boolean includes(String sourceId, GroupSnapshot group);
}
