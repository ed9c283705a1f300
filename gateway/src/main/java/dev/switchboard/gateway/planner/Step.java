package dev.switchboard.gateway.planner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.scim.ResourceType;

import java.util.Optional;

/** One remote change. Steps run in the order planned: the account before its memberships. */
public sealed interface Step {

    /** POST a new resource; a 409 is answered by finding and adopting the existing one. */
    record Create(ResourceType type, ObjectNode desired, String hash) implements Step {
    }

    /** Bring a linked resource from {@code current} (what we last wrote) to {@code desired}. */
    record Update(ResourceType type, String remoteId, ObjectNode current, ObjectNode desired, String hash,
                  Optional<String> version) implements Step {
    }

    /** Keep the account but set {@code active=false}. */
    record Deactivate(String remoteId, ObjectNode current, ObjectNode desired, String hash, Optional<String> version,
                      boolean sourceDeleted) implements Step {
    }

    /** Remove the resource; a 404 counts as done. */
    record Delete(ResourceType type, String remoteId, boolean sourceDeleted) implements Step {
    }

    /**
     * Deleted at source while no account is recorded for it here. A create whose answer was lost
     * (the gateway died after the app stored the account) may still have made one, so look it up by
     * the vendor profile's matching key, built from the tombstone's {@code identifiers}, and remove
     * ({@code delete}) or deactivate what is found. Nothing found: nothing to do.
     */
    record DeprovisionUnrecorded(ResourceType type, ObjectNode identifiers, boolean delete) implements Step {
    }

    /** Add the user (whose remote id is known once earlier steps ran) to a provisioned group. */
    record AddMembership(String groupId, String remoteGroupId) implements Step {
    }

    record RemoveMembership(String groupId, String remoteGroupId) implements Step {
    }
}
