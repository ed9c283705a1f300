package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * A client for one SCIM 2.0 service provider (RFC 7644), already bound to its base URL,
 * credentials and vendor profile.
 *
 * <p>Every method either returns a result or throws a {@link ScimException} subtype that says
 * whether the caller may retry ({@link ScimException#retryable()}). Callers never see raw HTTP
 * errors, so a delivery worker can decide retry, adopt or dead-letter from the type alone.
 *
 * <p>Implementations are thread-safe: one instance serves all workers of a target.
 */
public interface ScimClient {

    /** Reads {@code /ServiceProviderConfig}; the result is cached by the implementation. */
    ServiceProviderConfig serviceProviderConfig();

    /**
     * POSTs a new resource; a 409 surfaces as {@link ScimException.Conflict} (find the existing one with
     * {@link AdoptionFilter} and {@link #findOne}). Group members the provider refuses on POST are
     * added through PATCH right after. A 404 here means a missing endpoint and is permanent.
     */
    ScimResource create(ResourceType type, ObjectNode resource);

    /** GETs one resource; empty when the provider answers 404. */
    Optional<ScimResource> get(ResourceType type, String id);

    /**
     * Brings the remote resource to {@code desired}: PATCH computed from the diff against
     * {@code current} when the provider supports PATCH, otherwise PUT. Sends If-Match when a
     * version is known and the provider supports ETags.
     *
     * <p>For groups, the {@code members} difference between {@code current} and {@code desired} is sent
     * separately through member PATCHes (chunked). Where a group GET does not list members (profile
     * {@code groupMembersOnRead: false}), {@code current} should be what was last written, not a GET.
     * Returns the resource as the provider shows it afterwards (re-read when the PATCH echoed nothing).
     */
    ScimResource update(ResourceType type, String id, ObjectNode current, ObjectNode desired, Optional<String> version);

    /** PUTs the whole resource. */
    ScimResource replace(ResourceType type, String id, ObjectNode resource, Optional<String> version);

    /** Sends an explicit PatchOp. Returns the resource when the provider echoes it. */
    Optional<ScimResource> patch(ResourceType type, String id, PatchRequest patch, Optional<String> version);

    /** DELETEs; a 404 is success (the resource is already gone). */
    void delete(ResourceType type, String id);

    /**
     * One page of a filtered list (1-based {@code startIndex}, RFC 7644 §3.4.2.4); {@link Filter#all()}
     * lists without a filter. {@code count} is capped at the provider's {@code filter.maxResults}.
     */
    ListPage search(ResourceType type, Filter filter, int startIndex, int count);

    /** The single match for {@code filter}, empty when none; more than one is a permanent error. */
    Optional<ScimResource> findOne(ResourceType type, Filter filter);

    /** Adds members to a group through PATCH, in chunks the profile allows. */
    void addMembers(String groupId, List<String> memberIds);

    /** Removes members from a group through PATCH, in chunks the profile allows. */
    void removeMembers(String groupId, List<String> memberIds);
}
