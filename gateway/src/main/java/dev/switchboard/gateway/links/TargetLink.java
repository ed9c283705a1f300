package dev.switchboard.gateway.links;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.subject.SubjectKey;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway last wrote to one target for one subject.
 *
 * @param remoteId      the id the app assigned
 * @param remoteVersion the ETag the app returned, when it offers one
 * @param stateHash     hash of {@code lastWritten}, compared with the desired state to skip no-ops
 * @param lastWritten   the body last written, the base a PATCH diff is computed from
 * @param memberships   source group ids this user was added to at the target
 * @param sourceDeleted true once the subject was deleted at the source: a tombstone
 * @param appliedSeq    the source sequence this link reflects
 */
public record TargetLink(
        String targetId,
        SubjectKey key,
        String remoteId,
        Optional<String> remoteVersion,
        String stateHash,
        ObjectNode lastWritten,
        Set<String> memberships,
        LinkState state,
        boolean sourceDeleted,
        long appliedSeq,
        Instant updatedAt) {

    public TargetLink {
        memberships = Set.copyOf(memberships);
    }

    public boolean isTombstone() {
        return state == LinkState.DELETED && sourceDeleted;
    }
}
