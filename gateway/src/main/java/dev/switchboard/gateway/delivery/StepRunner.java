package dev.switchboard.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.profile.VendorProfile;
import dev.switchboard.connectors.scim.AdoptionFilter;
import dev.switchboard.connectors.scim.Filter;
import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.connectors.scim.ScimResource;
import dev.switchboard.gateway.links.LinkState;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.planner.DesiredStateHash;
import dev.switchboard.gateway.planner.Step;
import dev.switchboard.gateway.subject.SubjectKey;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Executes the steps of one plan against one target. The link of every successful write is saved
 * before the next write starts, so a crash between steps never loses what the app already holds;
 * the link of the last write is handed to the caller ({@link #unsavedLink()}), which saves it in
 * the transaction that completes the task. Lives for one task; not shared between threads.
 */
final class StepRunner {

    private final String targetId;
    private final SubjectKey key;
    private final long seq;
    private final ScimClient client;
    private final VendorProfile profile;
    private final RemoteCalls calls;
    private final LinkStore links;
    private final Clock clock;
    private Optional<TargetLink> link;
    private Optional<TargetLink> unsaved = Optional.empty();
    private int callCount;

    StepRunner(String targetId, SubjectKey key, long seq, ScimClient client, VendorProfile profile, RemoteCalls calls, LinkStore links, Clock clock,
               Optional<TargetLink> link) {
        this.targetId = targetId;
        this.key = key;
        this.seq = seq;
        this.client = client;
        this.profile = profile;
        this.calls = calls;
        this.links = links;
        this.clock = clock;
        this.link = link;
    }

    int callCount() {
        return callCount;
    }

    /** The link of the last write when it is not stored yet. */
    Optional<TargetLink> unsavedLink() {
        return unsaved;
    }

    /** Stores the link of the last write now (the task does not end as delivered). */
    void saveLink() {
        unsaved.ifPresent(links::save);
        unsaved = Optional.empty();
    }

    /** Runs one step; a {@link ScimException} it cannot resolve itself propagates to be classified. */
    void run(Step step) {
        if (step instanceof Step.Create create) {
            create(create.type(), create.desired(), create.hash());
        } else if (step instanceof Step.Update update) {
            update(update);
        } else if (step instanceof Step.Deactivate deactivate) {
            deactivate(deactivate);
        } else if (step instanceof Step.Delete delete) {
            call("DELETE", path(delete.type(), delete.remoteId()), Optional.empty(), 204, () -> {
                client.delete(delete.type(), delete.remoteId());
                return Boolean.TRUE;
            });
            TargetLink current = link.orElseThrow();
            save(current.remoteId(), current.remoteVersion(), current.stateHash(), current.lastWritten(), Set.of(),
                    LinkState.DELETED, delete.sourceDeleted());
        } else if (step instanceof Step.DeprovisionUnrecorded unrecorded) {
            deprovisionUnrecorded(unrecorded);
        } else if (step instanceof Step.AddMembership add) {
            changeMembership(add.groupId(), add.remoteGroupId(), true);
        } else if (step instanceof Step.RemoveMembership remove) {
            changeMembership(remove.groupId(), remove.remoteGroupId(), false);
        }
    }

    private void create(ResourceType type, ObjectNode desired, String hash) {
        ScimResource created;
        if (type == ResourceType.GROUP) {
            // many apps do not enforce unique group names, so a 409 cannot be relied on: look first
            Optional<ScimResource> existing = AdoptionFilter.of(profile, type, desired).flatMap(filter ->
                    call("GET", type.endpoint() + "?filter", Optional.empty(), 200, () -> client.findOne(type, filter)));
            if (existing.isPresent()) {
                ScimResource found = existing.get();
                created = call("PATCH", path(type, found.id()), Optional.of(desired), 200,
                        () -> client.update(type, found.id(), asCurrent(type, found.body()), desired, found.version()));
                save(created.id(), created.version(), hash, desired, Set.of(), LinkState.ACTIVE, false);
                return;
            }
        }
        try {
            created = call("POST", type.endpoint(), Optional.of(desired), 201, () -> client.create(type, desired));
        } catch (ScimException.Conflict conflict) {
            created = adopt(type, desired);
        }
        save(created.id(), created.version(), hash, desired, Set.of(), LinkState.ACTIVE, false);
    }

    /**
     * The app already holds the account (our earlier create whose answer was lost, or an account made
     * by hand): find it by the vendor profile's matching key and make it ours, never a second account.
     */
    private ScimResource adopt(ResourceType type, ObjectNode desired) {
        Filter filter = AdoptionFilter.of(profile, type, desired)
                .orElseThrow(() -> new AdoptionImpossible("409 on create and the resource has no matching key"));
        ScimResource existing = call("GET", type.endpoint() + "?filter", Optional.empty(), 200,
                () -> client.findOne(type, filter))
                .orElseThrow(() -> new AdoptionImpossible("409 on create but no resource matches " + filter.expression().split(" ")[0]));
        return call("PATCH", path(type, existing.id()), Optional.of(desired), 200,
                () -> client.update(type, existing.id(), asCurrent(type, existing.body()), desired, existing.version()));
    }

    private void update(Step.Update update) {
        ScimResource written;
        try {
            written = call("PATCH", path(update.type(), update.remoteId()), Optional.of(update.desired()), 200,
                    () -> client.update(update.type(), update.remoteId(), update.current(), update.desired(), update.version()));
        } catch (ScimException.NotFound gone) {
            // removed at the app behind our back: the subject still belongs there, so provision it again
            create(update.type(), update.desired(), update.hash());
            return;
        } catch (ScimException.PreconditionFailed moved) {
            ScimResource fresh = call("GET", path(update.type(), update.remoteId()), Optional.empty(), 200,
                    () -> client.get(update.type(), update.remoteId()))
                    .orElseThrow(() -> new ScimException.NotFound("GET " + path(update.type(), update.remoteId()) + " answered 404"));
            written = call("PATCH", path(update.type(), update.remoteId()), Optional.of(update.desired()), 200,
                    () -> client.update(update.type(), update.remoteId(), asCurrent(update.type(), fresh.body()),
                            update.desired(), fresh.version()));
        }
        TargetLink current = link.orElseThrow();
        save(written.id(), written.version(), update.hash(), update.desired(), current.memberships(), LinkState.ACTIVE, false);
    }

    private void deactivate(Step.Deactivate step) {
        TargetLink current = link.orElseThrow();
        try {
            ScimResource written = call("PATCH", path(ResourceType.USER, step.remoteId()), Optional.of(step.desired()), 200,
                    () -> client.update(ResourceType.USER, step.remoteId(), step.current(), step.desired(), step.version()));
            save(written.id(), written.version(), step.hash(), step.desired(), current.memberships(), LinkState.DEACTIVATED,
                    step.sourceDeleted());
        } catch (ScimException.NotFound gone) {
            save(current.remoteId(), Optional.empty(), step.hash(), step.desired(), Set.of(), LinkState.DELETED, step.sourceDeleted());
        }
    }

    private void deprovisionUnrecorded(Step.DeprovisionUnrecorded step) {
        ResourceType type = step.type();
        Optional<Filter> filter = AdoptionFilter.of(profile, type, step.identifiers());
        if (filter.isEmpty()) {
            return;
        }
        Optional<ScimResource> found = call("GET", type.endpoint() + "?filter", Optional.empty(), 200,
                () -> client.findOne(type, filter.get()));
        if (found.isEmpty()) {
            return;
        }
        ScimResource account = found.get();
        if (step.delete()) {
            call("DELETE", path(type, account.id()), Optional.empty(), 204, () -> {
                client.delete(type, account.id());
                return Boolean.TRUE;
            });
            save(account.id(), Optional.empty(), DesiredStateHash.of(step.identifiers()), step.identifiers(), Set.of(),
                    LinkState.DELETED, true);
            return;
        }
        ObjectNode current = asCurrent(type, account.body());
        ObjectNode desired = current.deepCopy();
        desired.put("active", false);
        ScimResource written = call("PATCH", path(type, account.id()), Optional.of(desired), 200,
                () -> client.update(type, account.id(), current, desired, account.version()));
        save(written.id(), written.version(), DesiredStateHash.of(desired), desired, Set.of(), LinkState.DEACTIVATED, true);
    }

    private void changeMembership(String groupId, String remoteGroupId, boolean add) {
        TargetLink current = link.orElseThrow();
        Set<String> memberships = new HashSet<>(current.memberships());
        try {
            call("PATCH", path(ResourceType.GROUP, remoteGroupId), Optional.empty(), 200, () -> {
                if (add) {
                    client.addMembers(remoteGroupId, List.of(current.remoteId()));
                } else {
                    client.removeMembers(remoteGroupId, List.of(current.remoteId()));
                }
                return Boolean.TRUE;
            });
        } catch (ScimException.NotFound groupGone) {
            if (add) {
                throw groupGone;
            }
        }
        if (add) {
            memberships.add(groupId);
        } else {
            memberships.remove(groupId);
        }
        save(current.remoteId(), current.remoteVersion(), current.stateHash(), current.lastWritten(), memberships,
                current.state(), current.sourceDeleted());
    }

    private void save(String remoteId, Optional<String> version, String hash, ObjectNode written, Set<String> memberships,
                      LinkState state, boolean sourceDeleted) {
        TargetLink saved = new TargetLink(targetId, key, remoteId, version, hash, written, memberships, state, sourceDeleted,
                seq, clock.instant());
        link = Optional.of(saved);
        unsaved = link;
    }

    private <T> T call(String method, String path, Optional<JsonNode> request, int okStatus, Supplier<T> work) {
        saveLink();
        callCount++;
        return calls.run(new RemoteCalls.Call(targetId, key, method, path, request, okStatus), work);
    }

    /**
     * A body read from the app, as the base of an update. Group members are managed through each
     * user's memberships, never through the group resource, so members read from the app are left
     * out: otherwise the client would compute their removal from our member-less desired group.
     */
    private static ObjectNode asCurrent(ResourceType type, ObjectNode read) {
        if (type != ResourceType.GROUP) {
            return read;
        }
        ObjectNode current = read.deepCopy();
        current.remove("members");
        return current;
    }

    private static String path(ResourceType type, String remoteId) {
        return type.endpoint() + "/" + remoteId;
    }

    /** A 409 we cannot resolve by adoption: someone must look at the app. */
    static final class AdoptionImpossible extends RuntimeException {
        AdoptionImpossible(String message) {
            super(message);
        }
    }
}
