package dev.switchboard.connectors.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.connectors.scim.ErrorClassifier;
import dev.switchboard.connectors.scim.ScimException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4) with a cached access token.
 *
 * <p>Readers take the cached token without locking; only a refresh takes the lock, and whoever waits
 * for it finds the fresh token on entry, so many workers hitting an expired token cause one request
 * to the token endpoint, not one each.
 */
final class ClientCredentialsAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(ClientCredentialsAuthenticator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenUrl;
    private final ClientAuthentication client;
    private final Optional<String> scope;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ErrorClassifier classifier;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile Optional<AccessToken> cached = Optional.empty();

    ClientCredentialsAuthenticator(URI tokenUrl, ClientAuthentication client, Optional<String> scope,
                                   HttpClient http, Duration timeout, Clock clock) {
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.client = Objects.requireNonNull(client, "client");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.classifier = new ErrorClassifier(clock);
    }

    @Override
    public Optional<String> authorization() {
        Optional<AccessToken> current = cached;
        if (current.isPresent() && current.get().usableAt(clock.instant())) {
            return Optional.of(current.get().header());
        }
        refreshLock.lock();
        try {
            current = cached;
            if (current.isPresent() && current.get().usableAt(clock.instant())) {
                return Optional.of(current.get().header());
            }
            AccessToken fresh = requestToken();
            cached = Optional.of(fresh);
            return Optional.of(fresh.header());
        } finally {
            refreshLock.unlock();
        }
    }

    /** Drops the cached token only if it is the one rejected, so a token another thread just fetched survives. */
    @Override
    public boolean invalidate(String rejected) {
        refreshLock.lock();
        try {
            if (cached.filter(token -> token.header().equals(rejected)).isPresent()) {
                cached = Optional.empty();
                LOG.debugf("token_invalidated client_id=%s reason=401", client.clientId());
            }
            return true;
        } finally {
            refreshLock.unlock();
        }
    }

    private AccessToken requestToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        scope.ifPresent(s -> form.put("scope", s));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        client.apply(request, form);
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Instant sentAt = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw classifier.noResponse("POST", tokenUrl.getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw classifier.noResponse("POST", tokenUrl.getPath(), e);
        }
        return readToken(response, sentAt);
    }

    private AccessToken readToken(HttpResponse<String> response, Instant sentAt) {
        int status = response.statusCode();
        String path = tokenUrl.getPath();
        if (status == 400 || status == 401 || status == 403) {
            throw new ScimException.Permanent("token request POST %s status=%d error=%s client_id=%s"
                    .formatted(path, status, oauthError(response.body()), client.clientId()), status, null);
        }
        if (status < 200 || status > 299) {
            throw classifier.classify("POST", path, status, Optional.empty(),
                    response.headers().firstValue("Retry-After"));
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw classifier.protocolError("POST", path, status, "token response is not JSON");
        }
        JsonNode token = json.path("access_token");
        if (!token.isTextual() || token.asText().isBlank()) {
            throw classifier.protocolError("POST", path, status, "token response has no access_token");
        }
        if (!"bearer".equalsIgnoreCase(json.path("token_type").asText("bearer"))) {
            throw classifier.protocolError("POST", path, status, "token_type is not Bearer");
        }
        // asLong() also reads "300" as a string, which some servers send; 0 means unreadable or absent
        long expiresIn = json.path("expires_in").isValueNode() ? json.path("expires_in").asLong(0) : 0;
        Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : AccessToken.ASSUMED_LIFETIME;
        LOG.debugf("token_issued client_id=%s expires_in_s=%d", client.clientId(), lifetime.toSeconds());
        return AccessToken.issued(token.asText(), sentAt, lifetime);
    }

    /** The OAuth {@code error} code only: descriptions are free text and may echo what was sent. */
    private static String oauthError(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isTextual() && error.asText().matches("[a-z_]{1,64}") ? error.asText() : "unknown";
        } catch (IOException notJson) {
            return "unreadable";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuthenticator[tokenUrl=" + tokenUrl + ", client=" + client + "]";
    }
}
