package dev.switchboard.gateway.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * OAuth 2.0 client-credentials tokens for polling, one per source, reused until shortly before
 * they expire so a long-polling gateway does not ask for a token per request.
 */
@ApplicationScoped
public class TokenClient {

    /** Renew this long before expiry, so a token never expires while a long poll is in flight. */
    private static final Duration EARLY_RENEWAL = Duration.ofSeconds(45);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json;
    private final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();

    @Inject
    TokenClient(Clock clock, ObjectMapper json) {
        this(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), clock, json);
    }

    TokenClient(HttpClient http, Clock clock, ObjectMapper json) {
        this.http = http;
        this.clock = clock;
        this.json = json;
    }

    /**
     * A valid access token for the source's poll endpoint.
     *
     * @throws SourceUnavailableException when the token endpoint fails or refuses the client
     */
    public String accessToken(Source source, Source.PollSettings poll) {
        Instant now = clock.instant();
        Token cached = tokens.get(source.name());
        if (cached != null && cached.renewAfter.isAfter(now)) {
            return cached.value;
        }
        Token fresh = request(source, poll, now);
        tokens.put(source.name(), fresh);
        return fresh.value;
    }

    /** Forgets the cached token, e.g. after the poll endpoint answered 401. */
    public void invalidate(Source source) {
        tokens.remove(source.name());
    }

    private Token request(Source source, Source.PollSettings poll, Instant now) {
        String credentials = Base64.getEncoder().encodeToString(
                (form(poll.clientId()) + ":" + form(poll.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(poll.tokenUrl())
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SourceUnavailableException("token endpoint of source '%s' answered HTTP %d"
                        .formatted(source.name(), response.statusCode()));
            }
            JsonNode body = json.readTree(response.body());
            JsonNode accessToken = body.path("access_token");
            if (!accessToken.isTextual() || accessToken.asText().isBlank()) {
                throw new SourceUnavailableException("token endpoint of source '%s' returned no access_token"
                        .formatted(source.name()));
            }
            long expiresIn = body.path("expires_in").asLong(60);
            Instant renewAfter = now.plusSeconds(expiresIn).minus(EARLY_RENEWAL);
            return new Token(accessToken.asText(), renewAfter);
        } catch (IOException e) {
            throw new SourceUnavailableException("token endpoint of source '%s' failed: %s"
                    .formatted(source.name(), e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while fetching a token for source '%s'"
                    .formatted(source.name()), e);
        }
    }

    /** RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding. */
    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Token(String value, Instant renewAfter) {
        @Override
        public String toString() {
            return "Token[renewAfter=" + renewAfter + "]";
        }
    }
}
