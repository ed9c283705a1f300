package dev.switchboard.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The gateway's delivery ops API, as an operator script would call it. */
public final class OpsClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public OpsClient(URI gatewayBase) {
        this.base = gatewayBase.resolve("/api/v1/delivery/");
    }

    /** Pending deliveries over all targets ({@code backlog} of {@code GET /targets}). */
    public long backlog() {
        long total = 0;
        for (JsonNode target : call("GET", "targets")) {
            total += target.path("backlog").asLong();
        }
        return total;
    }

    public void pause(String targetId) {
        call("POST", "targets/" + targetId + "/pause");
    }

    public void resume(String targetId) {
        call("POST", "targets/" + targetId + "/resume");
    }

    private JsonNode call(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("%s %s answered %d: %s".formatted(method, request.uri(),
                        response.statusCode(), response.body()));
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("%s %s failed".formatted(method, request.uri()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + request.uri(), e);
        }
    }
}
