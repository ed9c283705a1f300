package dev.switchboard.benchmarks.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast in-memory SCIM 2.0 endpoint for benchmarks: the downstream app should cost as little as
 * possible so the numbers measure the gateway. It keeps Users and Groups, answers
 * {@code userName eq} / {@code externalId eq} filters, refuses duplicate userNames with 409, and
 * records when each write arrived (for event-to-write latency). It is not a conformance target:
 * the tests use SCIMMY and Keycloak for that.
 */
public final class ScimSink implements AutoCloseable {

    private static final String SCIM_JSON = "application/scim+json";
    private static final Pattern EQ_FILTER = Pattern.compile("(\\w+) eq \"((?:[^\"\\\\]|\\\\.)*)\"");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
    private final Map<String, String> userIdsByName = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> groups = new ConcurrentHashMap<>();
    private final Map<String, Long> lastWriteNanosByExternalId = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final LongSupplier nanoTime;
    private final HttpServer server;
    private final ExecutorService executor;

    private ScimSink(HttpServer server, ExecutorService executor, LongSupplier nanoTime) {
        this.server = server;
        this.executor = executor;
        this.nanoTime = nanoTime;
    }

    /** Starts on a free loopback port with {@code threads} request threads. */
    public static ScimSink start(int threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        ScimSink sink = new ScimSink(server, executor, System::nanoTime);
        server.createContext("/scim/v2", sink::handle);
        server.setExecutor(executor);
        server.start();
        return sink;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:%d/scim/v2".formatted(server.getAddress().getPort()));
    }

    /** Number of successful writes (POST, PUT, PATCH, DELETE) so far. */
    public long writes() {
        return writes.get();
    }

    public int userCount() {
        return users.size();
    }

    /** {@link System#nanoTime()} of the last write to the user with this externalId, if any. */
    public Long lastWriteNanos(String externalId) {
        return lastWriteNanosByExternalId.get(externalId);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/scim/v2".length());
            String[] parts = path.split("/");
            String method = exchange.getRequestMethod();
            if (parts.length < 2) {
                send(exchange, 404, error(404, "no resource type"));
                return;
            }
            String type = parts[1];
            if (type.equals("ServiceProviderConfig")) {
                send(exchange, 200, serviceProviderConfig());
                return;
            }
            Map<String, ObjectNode> store = switch (type) {
                case "Users" -> users;
                case "Groups" -> groups;
                default -> null;
            };
            if (store == null) {
                send(exchange, 404, error(404, "unknown resource type " + type));
                return;
            }
            String id = parts.length > 2 ? parts[2] : null;
            switch (method) {
                case "POST" -> create(exchange, type, store);
                case "GET" -> {
                    if (id == null) {
                        list(exchange, store);
                    } else {
                        ObjectNode found = store.get(id);
                        send(exchange, found == null ? 404 : 200, found == null ? error(404, "not found") : found);
                    }
                }
                case "PUT", "PATCH" -> update(exchange, type, store, id, method.equals("PUT"));
                case "DELETE" -> {
                    ObjectNode removed = store.remove(id);
                    if (removed != null && removed.hasNonNull("userName")) {
                        userIdsByName.remove(removed.get("userName").asText().toLowerCase(Locale.ROOT));
                    }
                    recordWrite(removed);
                    exchange.sendResponseHeaders(removed == null ? 404 : 204, -1);
                }
                default -> send(exchange, 405, error(405, "method not allowed"));
            }
        }
    }

    private void create(HttpExchange exchange, String type, Map<String, ObjectNode> store) throws IOException {
        ObjectNode body = read(exchange.getRequestBody());
        String id = UUID.randomUUID().toString();
        body.put("id", id);
        body.putObject("meta").put("resourceType", type.equals("Users") ? "User" : "Group").put("version", "W/\"1\"");
        if (type.equals("Users")) {
            String name = body.path("userName").asText("").toLowerCase(Locale.ROOT);
            if (userIdsByName.putIfAbsent(name, id) != null) {
                send(exchange, 409, error(409, "userName already exists").put("scimType", "uniqueness"));
                return;
            }
        }
        store.put(id, body);
        recordWrite(body);
        send(exchange, 201, body);
    }

    private void update(HttpExchange exchange, String type, Map<String, ObjectNode> store, String id, boolean replace) throws IOException {
        ObjectNode existing = id == null ? null : store.get(id);
        if (existing == null) {
            send(exchange, 404, error(404, "not found"));
            return;
        }
        ObjectNode body = read(exchange.getRequestBody());
        ObjectNode updated;
        if (replace) {
            updated = body;
            updated.put("id", id);
            updated.set("meta", existing.get("meta"));
        } else {
            updated = existing.deepCopy();
            for (JsonNode op : body.path("Operations")) {
                applyPatch(updated, op);
            }
        }
        store.put(id, updated);
        recordWrite(updated);
        send(exchange, 200, updated);
    }

    /** Applies simple-path replace/add and whole-value operations; enough for what the gateway sends. */
    private static void applyPatch(ObjectNode target, JsonNode op) {
        String kind = op.path("op").asText().toLowerCase(Locale.ROOT);
        JsonNode path = op.get("path");
        JsonNode value = op.get("value");
        if (path == null || path.isNull()) {
            if (value instanceof ObjectNode object) {
                object.fields().forEachRemaining(e -> target.set(e.getKey(), e.getValue()));
            }
            return;
        }
        String attribute = path.asText();
        int bracket = attribute.indexOf('[');
        String simple = bracket >= 0 ? attribute.substring(0, bracket) : attribute;
        switch (kind) {
            case "remove" -> target.remove(simple);
            case "add" -> {
                if (value != null && value.isArray() && target.get(simple) instanceof ArrayNode existing) {
                    existing.addAll((ArrayNode) value);
                } else {
                    target.set(simple, value);
                }
            }
            default -> target.set(simple, value);
        }
    }

    private void list(HttpExchange exchange, Map<String, ObjectNode> store) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String filter = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("filter=")) {
                    filter = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
        }
        ArrayNode resources = json.createArrayNode();
        if (filter != null) {
            Matcher m = EQ_FILTER.matcher(filter);
            if (m.matches()) {
                String attribute = m.group(1);
                String wanted = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
                if (attribute.equals("userName")) {
                    String id = userIdsByName.get(wanted.toLowerCase(Locale.ROOT));
                    if (id != null && store.containsKey(id)) {
                        resources.add(store.get(id));
                    }
                } else {
                    store.values().stream().filter(r -> wanted.equals(r.path(attribute).asText(null))).forEach(resources::add);
                }
            } else {
                send(exchange, 400, error(400, "unsupported filter").put("scimType", "invalidFilter"));
                return;
            }
        } else {
            store.values().stream().limit(100).forEach(resources::add);
        }
        ObjectNode response = json.createObjectNode();
        response.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        response.put("totalResults", filter == null ? store.size() : resources.size());
        response.put("startIndex", 1);
        response.put("itemsPerPage", resources.size());
        response.set("Resources", resources);
        send(exchange, 200, response);
    }

    private void recordWrite(ObjectNode resource) {
        if (resource == null) {
            return;
        }
        writes.incrementAndGet();
        JsonNode externalId = resource.get("externalId");
        if (externalId != null && externalId.isTextual()) {
            lastWriteNanosByExternalId.put(externalId.asText(), nanoTime.getAsLong());
        }
    }

    private ObjectNode serviceProviderConfig() {
        ObjectNode config = json.createObjectNode();
        config.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", 100);
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", false);
        config.putObject("etag").put("supported", false);
        config.putArray("authenticationSchemes");
        return config;
    }

    private ObjectNode error(int status, String detail) {
        ObjectNode error = json.createObjectNode();
        error.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:Error");
        error.put("status", String.valueOf(status));
        error.put("detail", detail);
        return error;
    }

    private ObjectNode read(InputStream body) throws IOException {
        JsonNode node = json.readTree(body);
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IOException("request body is not a JSON object");
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", SCIM_JSON);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
