package dev.switchboard.testkit.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small client for Keycloak's admin REST API, enough for tests to set up realms, clients and
 * users. Paths are absolute on the server ({@code /admin/realms/demo/users}). Any status of 400 or
 * above fails with the response body, so a broken setup step names its cause.
 *
 * <p>The master-realm token (admin-cli, password grant) lives 60 seconds by default; it is fetched
 * again shortly before it expires, so a long test never sees a 401 from an expired admin token.
 */
public final class KeycloakAdmin {

    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(15);

    private final URI server;
    private final String username;
    private final String password;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private String token;
    private Instant tokenExpiry = Instant.MIN;

    private KeycloakAdmin(URI server, String username, String password, Clock clock) {
        this.server = server;
        this.username = username;
        this.password = password;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.json = new ObjectMapper();
    }

    /** Logs in to the master realm of {@code server} ({@code http://host:port}) as an admin. */
    public static KeycloakAdmin connect(URI server, String username, String password) {
        KeycloakAdmin admin = new KeycloakAdmin(server, username, password, Clock.systemUTC());
        admin.accessToken();
        return admin;
    }

    public URI server() {
        return server;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A valid master-realm admin access token, fetched again when close to expiry. */
    public synchronized String accessToken() {
        if (token == null || clock.instant().isAfter(tokenExpiry.minus(REFRESH_MARGIN))) {
            JsonNode response = postForm(URI.create(server + "/realms/master/protocol/openid-connect/token"), Map.of(
                    "grant_type", "password",
                    "client_id", "admin-cli",
                    "username", username,
                    "password", password));
            token = response.path("access_token").asText();
            tokenExpiry = clock.instant().plusSeconds(response.path("expires_in").asLong(60));
        }
        return token;
    }

    public JsonNode get(String path) {
        return send("GET", path, null).body();
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body).body();
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body).body();
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null).body();
    }

    /**
     * POSTs and returns the id from the {@code Location} header, which is how Keycloak answers
     * creation of users, groups, clients and roles (201 with no body).
     */
    public String create(String path, JsonNode body) {
        Response response = send("POST", path, body);
        String location = response.location();
        if (location.isEmpty()) {
            throw new KeycloakAdminException("POST", path, response.status(), "no Location header in the answer");
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Creates a realm from a full representation ({@code POST /admin/realms}). */
    public void importRealm(ObjectNode realm) {
        post("/admin/realms", realm);
    }

    /** Removes a realm, for tests that clean up after themselves. */
    public void deleteRealm(String realm) {
        delete("/admin/realms/" + realm);
    }

    /** A JSON object parsed from a text block, for terse setup code. */
    public ObjectNode object(String jsonText) {
        try {
            return (ObjectNode) json.readTree(jsonText);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + jsonText, e);
        }
    }

    /** POSTs a form to any URL (e.g. a token endpoint) and parses the JSON answer. */
    public JsonNode postForm(URI url, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        return exchange(request, "POST", url.getPath()).body();
    }

    private Response send(String method, String path, JsonNode body) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must be absolute on the server: " + path);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + accessToken())
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return exchange(request.build(), method, path);
    }

    private Response exchange(HttpRequest request, String method, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("%s %s failed".formatted(method, path), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during %s %s".formatted(method, path), e);
        }
        if (response.statusCode() >= 400) {
            throw new KeycloakAdminException(method, path, response.statusCode(), response.body());
        }
        JsonNode parsed;
        try {
            parsed = response.body().isBlank() ? MissingNode.getInstance() : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new KeycloakAdminException(method, path, response.statusCode(), "unparseable body: " + response.body());
        }
        return new Response(response.statusCode(), parsed, response.headers().firstValue("Location").orElse(""));
    }

    /** Status, parsed body ({@link MissingNode} when empty) and Location header ("" when absent). */
    private record Response(int status, JsonNode body, String location) {
    }
}
