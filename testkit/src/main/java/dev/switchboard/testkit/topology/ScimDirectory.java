package dev.switchboard.testkit.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One downstream app read through its own SCIM API with a bare HTTP client (not our connectors),
 * so assertions see what the app really stores.
 */
public final class ScimDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String name;
    private final URI baseUrl;
    private final Supplier<String> token;

    public ScimDirectory(String name, URI baseUrl, Supplier<String> token) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public String name() {
        return name;
    }

    /** The account of that user name; more than one is a failure (the gateway must never duplicate). */
    public Optional<JsonNode> user(String userName) {
        List<JsonNode> found = filter("/Users", "userName eq \"" + userName + "\"");
        if (found.size() > 1) {
            throw new AssertionError("%d accounts named %s in %s".formatted(found.size(), userName, name));
        }
        return found.stream().findFirst();
    }

    /** The user, or an assertion error that an enclosing await retries. */
    public JsonNode present(String userName) {
        return user(userName).orElseThrow(() -> new AssertionError(userName + " is not (yet) in " + name));
    }

    public Optional<JsonNode> group(String displayName) {
        return filter("/Groups", "displayName eq \"" + displayName + "\"").stream().findFirst();
    }

    /** Every user, paging through the whole list. */
    public List<JsonNode> allUsers() {
        List<JsonNode> all = new ArrayList<>();
        int start = 1;
        while (true) {
            JsonNode page = get("/Users?startIndex=" + start + "&count=100");
            page.path("Resources").forEach(all::add);
            int returned = page.path("Resources").size();
            if (returned == 0 || all.size() >= page.path("totalResults").asInt()) {
                return all;
            }
            start += returned;
        }
    }

    private List<JsonNode> filter(String endpoint, String filter) {
        JsonNode page = get(endpoint + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        List<JsonNode> resources = new ArrayList<>();
        page.path("Resources").forEach(resources::add);
        return resources;
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "application/scim+json")
                .GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("%s: GET %s answered %d: %s".formatted(name, pathAndQuery, response.statusCode(), response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(name + ": GET " + pathAndQuery + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
