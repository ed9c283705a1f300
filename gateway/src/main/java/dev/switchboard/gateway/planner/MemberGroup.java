package dev.switchboard.gateway.planner;

import dev.switchboard.gateway.links.LinkState;
import dev.switchboard.gateway.links.TargetLink;

import java.util.Optional;

/**
 * A group a user is (or was) a member of, as one target sees it.
 *
 * @param groupId         the source's group id
 * @param wanted          the group exists at the source and is in the target's scope
 * @param deletedAtSource the group's tombstone has arrived: its own task deletes it at the target
 * @param link            the group's link at the target, when it was provisioned
 */
public record MemberGroup(String groupId, boolean wanted, boolean deletedAtSource, Optional<TargetLink> link) {

    Optional<String> activeRemoteId() {
        return link.filter(l -> l.state() == LinkState.ACTIVE).map(TargetLink::remoteId);
    }
}
