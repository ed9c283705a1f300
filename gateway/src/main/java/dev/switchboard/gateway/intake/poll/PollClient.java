package dev.switchboard.gateway.intake.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.source.Source;
import dev.switchboard.gateway.source.SourceUnavailableException;
import dev.switchboard.gateway.source.TokenClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one RFC 8936 poll request. Anything but a well-formed 200 answer becomes a
 * {@link SourceUnavailableException}, because none of it says anything about a particular SET.
 */
@ApplicationScoped
public class PollClient {

    private static final int MAX_EXCERPT = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final TokenClient tokens;
    private final ObjectMapper json;

    PollClient(TokenClient tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    public PollResponse poll(Source source, Source.PollSettings settings, PollRequest request) {
        String token = tokens.accessToken(source, settings);
        HttpRequest httpRequest = HttpRequest.newBuilder(settings.pollUrl())
                .timeout(settings.longPollWait())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(request)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SourceUnavailableException("poll of source '%s' failed: %s".formatted(source.name(), e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("poll of source '%s' interrupted".formatted(source.name()), e);
        }
        if (response.statusCode() == 401) {
            tokens.invalidate(source);
        }
        if (response.statusCode() != 200) {
            throw new SourceUnavailableException("poll of source '%s' answered HTTP %d: %s"
                    .formatted(source.name(), response.statusCode(), excerpt(response.body())));
        }
        return read(source, response.body());
    }

    private String write(PollRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("poll request cannot be serialized", e);
        }
    }

    private PollResponse read(Source source, String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceUnavailableException("poll of source '%s' answered non-JSON: %s"
                    .formatted(source.name(), excerpt(body)), e);
        }
        if (root == null || !root.path("sets").isObject()) {
            throw new SourceUnavailableException("poll of source '%s' answered without a 'sets' object: %s"
                    .formatted(source.name(), excerpt(body)));
        }
        Map<String, String> sets = new LinkedHashMap<>();
        var fields = root.get("sets").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new SourceUnavailableException("poll of source '%s' answered a non-string SET for jti %s"
                        .formatted(source.name(), field.getKey()));
            }
            sets.put(field.getKey(), field.getValue().asText());
        }
        return new PollResponse(sets, root.path("moreAvailable").asBoolean(false));
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > MAX_EXCERPT ? flat.substring(0, MAX_EXCERPT) + "..." : flat;
    }
}
