package dev.switchboard.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.scim.Filter;
import dev.switchboard.connectors.scim.ListPage;
import dev.switchboard.connectors.scim.PatchRequest;
import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.connectors.scim.ScimResource;
import dev.switchboard.connectors.scim.ServiceProviderConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory SCIM service provider behind the {@link ScimClient} interface: enforces userName /
 * displayName uniqueness (409), records every request, and fails on demand. Thread-safe.
 */
public final class FakeScimServer implements ScimClient {

    /** One request as the app saw it. */
    public record Request(String method, ResourceType type, String id, Optional<ObjectNode> body) {
    }

    private static final Pattern EQ = Pattern.compile("(\\w+) eq \"(.*)\"");

    private final Map<ResourceType, Map<String, ObjectNode>> resources = Map.of(
            ResourceType.USER, new LinkedHashMap<>(), ResourceType.GROUP, new LinkedHashMap<>());
    private final Map<String, Set<String>> members = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Long> createdAtNanos = new LinkedHashMap<>();
    private int failuresLeft;
    private Supplier<ScimException> failure = () -> new ScimException.Retryable("fake 503", 503, null, null);

    /** The next {@code count} requests fail with {@code error}; a negative count fails until {@link #heal()}. */
    public synchronized void failNext(int count, Supplier<ScimException> error) {
        failuresLeft = count;
        failure = error;
    }

    public synchronized void heal() {
        failuresLeft = 0;
    }

    /** An account that exists at the app before Switchboard ever saw it. */
    public synchronized String seed(ResourceType type, ObjectNode body) {
        String id = UUID.randomUUID().toString();
        resources.get(type).put(id, body.deepCopy().put("id", id));
        return id;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized Map<String, ObjectNode> stored(ResourceType type) {
        return Map.copyOf(resources.get(type));
    }

    /** {@link System#nanoTime()} when the resource with this userName / displayName was created. */
    public synchronized Optional<Long> createdAtNanos(String uniqueValue) {
        return Optional.ofNullable(createdAtNanos.get(uniqueValue));
    }

    public synchronized Set<String> membersOf(String groupId) {
        return Set.copyOf(members.getOrDefault(groupId, Set.of()));
    }

    @Override
    public ServiceProviderConfig serviceProviderConfig() {
        return new ServiceProviderConfig(true, false, 0, true, 100, true, false);
    }

    @Override
    public synchronized ScimResource create(ResourceType type, ObjectNode resource) {
        receive("POST", type, "", Optional.of(resource));
        String key = uniqueKey(type);
        String value = resource.path(key).asText();
        boolean taken = resources.get(type).values().stream().anyMatch(existing -> existing.path(key).asText().equalsIgnoreCase(value));
        if (taken) {
            throw new ScimException.Conflict("POST " + type.endpoint() + " answered 409");
        }
        String id = UUID.randomUUID().toString();
        ObjectNode stored = resource.deepCopy().put("id", id);
        resources.get(type).put(id, stored);
        createdAtNanos.put(value, System.nanoTime());
        return new ScimResource(id, Optional.of("W/\"1\""), stored.deepCopy());
    }

    @Override
    public synchronized Optional<ScimResource> get(ResourceType type, String id) {
        receive("GET", type, id, Optional.empty());
        return Optional.ofNullable(resources.get(type).get(id)).map(body -> new ScimResource(id, Optional.of("W/\"2\""), body.deepCopy()));
    }

    @Override
    public synchronized ScimResource update(ResourceType type, String id, ObjectNode current, ObjectNode desired, Optional<String> version) {
        receive("PATCH", type, id, Optional.of(desired));
        return write(type, id, desired);
    }

    @Override
    public synchronized ScimResource replace(ResourceType type, String id, ObjectNode resource, Optional<String> version) {
        receive("PUT", type, id, Optional.of(resource));
        return write(type, id, resource);
    }

    @Override
    public synchronized Optional<ScimResource> patch(ResourceType type, String id, PatchRequest patch, Optional<String> version) {
        throw new UnsupportedOperationException("delivery does not send explicit PatchOps");
    }

    @Override
    public synchronized void delete(ResourceType type, String id) {
        receive("DELETE", type, id, Optional.empty());
        resources.get(type).remove(id);
        members.remove(id);
    }

    @Override
    public synchronized ListPage search(ResourceType type, Filter filter, int startIndex, int count) {
        receive("GET", type, "?filter", Optional.empty());
        Matcher eq = EQ.matcher(filter.expression());
        if (!eq.matches()) {
            throw new ScimException.Permanent("fake supports only eq filters", 400, "invalidFilter");
        }
        List<ScimResource> found = resources.get(type).entrySet().stream()
                .filter(e -> e.getValue().path(eq.group(1)).asText().equalsIgnoreCase(eq.group(2)))
                .map(e -> new ScimResource(e.getKey(), Optional.of("W/\"2\""), e.getValue().deepCopy()))
                .toList();
        return new ListPage(found.size(), 1, found.size(), found);
    }

    @Override
    public synchronized Optional<ScimResource> findOne(ResourceType type, Filter filter) {
        List<ScimResource> found = search(type, filter, 1, 2).resources();
        if (found.size() > 1) {
            throw new ScimException.Permanent("more than one match", 400, null);
        }
        return found.stream().findFirst();
    }

    @Override
    public synchronized void addMembers(String groupId, List<String> memberIds) {
        receive("PATCH", ResourceType.GROUP, groupId, Optional.empty());
        requireGroup(groupId);
        members.computeIfAbsent(groupId, id -> new LinkedHashSet<>()).addAll(memberIds);
    }

    @Override
    public synchronized void removeMembers(String groupId, List<String> memberIds) {
        receive("PATCH", ResourceType.GROUP, groupId, Optional.empty());
        requireGroup(groupId);
        members.getOrDefault(groupId, new LinkedHashSet<>()).removeAll(memberIds);
    }

    private void requireGroup(String groupId) {
        if (!resources.get(ResourceType.GROUP).containsKey(groupId)) {
            throw new ScimException.NotFound("PATCH /Groups/" + groupId + " answered 404");
        }
    }

    private ScimResource write(ResourceType type, String id, ObjectNode body) {
        if (!resources.get(type).containsKey(id)) {
            throw new ScimException.NotFound("write " + type.endpoint() + "/" + id + " answered 404");
        }
        ObjectNode stored = body.deepCopy().put("id", id);
        resources.get(type).put(id, stored);
        return new ScimResource(id, Optional.of("W/\"3\""), stored.deepCopy());
    }

    private void receive(String method, ResourceType type, String id, Optional<ObjectNode> body) {
        requests.add(new Request(method, type, id, body.map(ObjectNode::deepCopy)));
        if (failuresLeft != 0) {
            if (failuresLeft > 0) {
                failuresLeft--;
            }
            throw failure.get();
        }
    }

    private static String uniqueKey(ResourceType type) {
        return type == ResourceType.USER ? "userName" : "displayName";
    }
}
