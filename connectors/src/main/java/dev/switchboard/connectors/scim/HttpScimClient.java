package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.profile.MemberRemoval;
import dev.switchboard.connectors.profile.VendorProfile;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ScimClient} over {@code java.net.http}. Vendor differences come from the {@link VendorProfile};
 * protocol capabilities from {@code /ServiceProviderConfig}.
 */
public final class HttpScimClient implements ScimClient {

    private static final Logger LOG = Logger.getLogger(HttpScimClient.class);

    private final ScimTransport transport;
    private final ScimJson json;
    private final VendorProfile profile;
    private final ServiceProviderConfigCache config;
    private final PatchPlanner planner;

    HttpScimClient(ScimTransport transport, ScimJson json, VendorProfile profile, ServiceProviderConfigCache config) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.json = Objects.requireNonNull(json, "json");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.config = Objects.requireNonNull(config, "config");
        this.planner = new PatchPlanner(PatchPlanner.Options.from(profile));
    }

    /** The profile this client follows; callers use it to build adoption filters ({@link AdoptionFilter}). */
    public VendorProfile profile() {
        return profile;
    }

    @Override
    public ServiceProviderConfig serviceProviderConfig() {
        return config.get();
    }

    @Override
    public ScimResource create(ResourceType type, ObjectNode resource) {
        ObjectNode body = withSchema(type, resource);
        List<String> deferredMembers = deferMembers(type, body);
        ScimResource created = json.resource(collection(() -> transport.send(
                ScimRequest.withBody("POST", type.endpoint(), ScimJson.write(body), Optional.empty()))));
        if (!deferredMembers.isEmpty()) {
            addMembers(created.id(), deferredMembers);
        }
        return created;
    }

    @Override
    public Optional<ScimResource> get(ResourceType type, String id) {
        try {
            return Optional.of(json.resource(transport.send(ScimRequest.get(resourcePath(type, id)))));
        } catch (ScimException.NotFound gone) {
            return Optional.empty();
        }
    }

    @Override
    public ScimResource update(ResourceType type, String id, ObjectNode current, ObjectNode desired,
                               Optional<String> version) {
        PatchPlanner.MemberChanges members = type == ResourceType.GROUP
                ? PatchPlanner.memberChanges(current, desired)
                : new PatchPlanner.MemberChanges(List.of(), List.of());
        if (!usePatch()) {
            ObjectNode body = desired.deepCopy();
            boolean membersSeparately = type == ResourceType.GROUP && !profile.groupMembersOnWrite();
            if (membersSeparately) {
                body.remove("members");
            }
            LOG.debugf("scim_update type=%s id=%s mode=put", type, id);
            ScimResource replaced = replace(type, id, body, version);
            if (membersSeparately) {
                applyMembers(id, members);
            }
            return replaced;
        }
        PatchRequest patch = planner.plan(current, desired);
        LOG.debugf("scim_update type=%s id=%s mode=patch operations=%d members_added=%d members_removed=%d",
                type, id, patch.operations().size(), members.added().size(), members.removed().size());
        Optional<ScimResource> patched = patch.isEmpty() ? Optional.empty() : patch(type, id, patch, version);
        applyMembers(id, members);
        if (patched.isPresent() && members.isEmpty()) {
            return patched.get();
        }
        return get(type, id).orElseThrow(() -> new ScimException.NotFound(
                "GET %s status=404 after update".formatted(resourcePath(type, id))));
    }

    @Override
    public ScimResource replace(ResourceType type, String id, ObjectNode resource, Optional<String> version) {
        ObjectNode body = withSchema(type, resource);
        body.put("id", id);
        if (type == ResourceType.GROUP && !profile.groupMembersOnWrite()) {
            body.remove("members");
        }
        return json.resource(transport.send(
                ScimRequest.withBody("PUT", resourcePath(type, id), ScimJson.write(body), ifMatch(version))));
    }

    @Override
    public Optional<ScimResource> patch(ResourceType type, String id, PatchRequest patch, Optional<String> version) {
        ScimResponse response = transport.send(ScimRequest.withBody("PATCH", resourcePath(type, id),
                ScimJson.write(patch.toJson()), ifMatch(version)));
        return response.status() == 204 || !response.hasBody()
                ? Optional.empty()
                : Optional.of(json.resource(response));
    }

    @Override
    public void delete(ResourceType type, String id) {
        try {
            transport.send(ScimRequest.delete(resourcePath(type, id)));
        } catch (ScimException.NotFound alreadyGone) {
            LOG.debugf("scim_delete type=%s id=%s outcome=already_gone", type, id);
        }
    }

    @Override
    public ListPage search(ResourceType type, Filter filter, int startIndex, int count) {
        if (startIndex < 1 || count < 0) {
            throw new IllegalArgumentException("startIndex must be >= 1 and count >= 0");
        }
        int pageSize = Math.min(count, serviceProviderConfig().filterMaxResults());
        String query = (filter.matchesAll() ? "" : "filter=" + encode(filter.expression()) + "&")
                + "startIndex=" + startIndex + "&count=" + pageSize;
        return json.listPage(collection(() -> transport.send(ScimRequest.search(type.endpoint(), query))), startIndex);
    }

    @Override
    public Optional<ScimResource> findOne(ResourceType type, Filter filter) {
        ListPage page = search(type, filter, 1, 2);
        if (page.resources().size() > 1 || page.totalResults() > 1) {
            throw new ScimException.Permanent("GET %s filter matched %d resources, expected at most one"
                    .formatted(type.endpoint(), Math.max(page.totalResults(), page.resources().size())), 200, null);
        }
        return page.resources().stream().findFirst();
    }

    @Override
    public void addMembers(String groupId, List<String> memberIds) {
        for (List<String> chunk : chunks(memberIds)) {
            ArrayNode value = JsonNodeFactory.instance.arrayNode();
            chunk.forEach(id -> value.addObject().put("value", id));
            patch(ResourceType.GROUP, groupId, new PatchRequest(List.of(PatchRequest.Operation.add("members", value))),
                    Optional.empty());
        }
    }

    @Override
    public void removeMembers(String groupId, List<String> memberIds) {
        for (List<String> chunk : chunks(memberIds)) {
            List<PatchRequest.Operation> operations = new ArrayList<>();
            if (profile.memberRemoval() == MemberRemoval.FILTER_PATH) {
                chunk.forEach(id -> operations.add(PatchRequest.Operation.remove(
                        "members[value eq " + Filter.quote(id) + "]")));
            } else {
                ArrayNode value = JsonNodeFactory.instance.arrayNode();
                chunk.forEach(id -> value.addObject().put("value", id));
                operations.add(new PatchRequest.Operation(PatchRequest.Op.REMOVE, Optional.of("members"), Optional.of(value)));
            }
            patch(ResourceType.GROUP, groupId, new PatchRequest(operations), Optional.empty());
        }
    }

    /**
     * A 404 on a collection ({@code POST /Users}, {@code GET /Users?filter}) means the endpoint is missing
     * (wrong base URL, SCIM switched off), not that a resource is gone, so it must not read as
     * {@link ScimException.NotFound}, which callers answer by re-creating.
     */
    private static ScimResponse collection(Supplier<ScimResponse> call) {
        try {
            return call.get();
        } catch (ScimException.NotFound missing) {
            throw new ScimException.Permanent(missing.getMessage() + " (endpoint not found)", 404, null);
        }
    }

    private void applyMembers(String groupId, PatchPlanner.MemberChanges members) {
        if (!members.removed().isEmpty()) {
            removeMembers(groupId, members.removed());
        }
        if (!members.added().isEmpty()) {
            addMembers(groupId, members.added());
        }
    }

    private boolean usePatch() {
        return switch (profile.patch()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> serviceProviderConfig().patchSupported();
        };
    }

    /** If-Match only when the provider says it does ETags: others may answer 412 to any If-Match at all. */
    private Optional<String> ifMatch(Optional<String> version) {
        return version.isPresent() && serviceProviderConfig().etagSupported() ? version : Optional.empty();
    }

    /** Members a provider refuses on POST go out through PATCH right after the group exists. */
    private List<String> deferMembers(ResourceType type, ObjectNode body) {
        if (type != ResourceType.GROUP || profile.groupMembersOnWrite() || !body.has("members")) {
            return List.of();
        }
        List<String> ids = PatchPlanner.memberChanges(JsonNodeFactory.instance.objectNode(), body).added();
        body.remove("members");
        return ids;
    }

    private List<List<String>> chunks(List<String> ids) {
        int size = profile.maxMembersPerPatch();
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += size) {
            chunks.add(List.copyOf(ids.subList(from, Math.min(ids.size(), from + size))));
        }
        return chunks;
    }

    private static ObjectNode withSchema(ResourceType type, ObjectNode resource) {
        ObjectNode body = resource.deepCopy();
        JsonNode schemas = body.path("schemas");
        if (!schemas.isArray() || schemas.isEmpty()) {
            body.putArray("schemas").add(type.schema());
        }
        body.remove("meta");
        return body;
    }

    private static String resourcePath(ResourceType type, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("resource id must not be blank");
        }
        return type.endpoint() + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Query encoding with {@code %20} for spaces: some servers do not read {@code +} as a space in queries. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
