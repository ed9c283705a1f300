package dev.switchboard.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a downstream app through its own SCIM API with a plain HTTP client, independent of our
 * connectors, so the assertions check what the app really holds.
 */
final class ScimReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI baseUrl;
    private final Supplier<String> token;

    ScimReader(URI baseUrl, Supplier<String> token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    Optional<JsonNode> userByName(String userName) {
        List<JsonNode> found = list("/Users", "userName eq \"" + userName + "\"");
        if (found.size() > 1) {
            throw new AssertionError("%d accounts named %s at %s".formatted(found.size(), userName, baseUrl));
        }
        return found.stream().findFirst();
    }

    Optional<JsonNode> groupByName(String displayName) {
        return list("/Groups", "displayName eq \"" + displayName + "\"").stream().findFirst();
    }

    /** Every resource of a type, paging through the whole list. */
    List<JsonNode> all(String endpoint) {
        List<JsonNode> all = new ArrayList<>();
        int start = 1;
        while (true) {
            JsonNode page = get(endpoint + "?startIndex=" + start + "&count=100");
            page.path("Resources").forEach(all::add);
            int returned = page.path("Resources").size();
            if (returned == 0 || all.size() >= page.path("totalResults").asInt()) {
                return all;
            }
            start += returned;
        }
    }

    List<JsonNode> list(String endpoint, String filter) {
        JsonNode page = get(endpoint + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        List<JsonNode> resources = new ArrayList<>();
        page.path("Resources").forEach(resources::add);
        return resources;
    }

    JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "application/scim+json")
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET %s answered %d: %s".formatted(pathAndQuery, response.statusCode(), response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
