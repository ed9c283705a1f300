package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.connectors.auth.Authenticator;
import dev.switchboard.connectors.profile.VendorProfile;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one request and returns a 2xx response or throws a classified {@link ScimException}.
 * Owns the headers every request carries and the one-time retry after a 401 with a refreshed token.
 */
final class ScimTransport {

    private static final Logger LOG = Logger.getLogger(ScimTransport.class);
    static final String ACCEPT = "application/scim+json, application/json";

    private final String baseUrl;
    private final HttpClient http;
    private final Authenticator authenticator;
    private final VendorProfile profile;
    private final Duration requestTimeout;
    private final ErrorClassifier classifier;
    private final Clock clock;

    ScimTransport(URI baseUrl, HttpClient http, Authenticator authenticator, VendorProfile profile,
                  Duration requestTimeout, ErrorClassifier classifier, Clock clock) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = Objects.requireNonNull(http, "http");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ScimResponse send(ScimRequest request) {
        Optional<String> authorization = authenticator.authorization();
        HttpResponse<String> response = exchange(request, authorization);
        if (response.statusCode() == 401 && authorization.isPresent()
                && authenticator.invalidate(authorization.get())) {
            LOG.debugf("scim_retry_after_401 method=%s path=%s", request.method(), request.path());
            response = exchange(request, authenticator.authorization());
        }
        int status = response.statusCode();
        if (status >= 200 && status <= 299) {
            return new ScimResponse(request.method(), request.path(), status, response.headers(), response.body());
        }
        throw classifier.classify(request.method(), request.path(), status, scimType(response.body()),
                response.headers().firstValue("Retry-After"));
    }

    private HttpResponse<String> exchange(ScimRequest request, Optional<String> authorization) {
        URI uri = URI.create(baseUrl + request.path() + request.query().map(q -> "?" + q).orElse(""));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        request.ifMatch().ifPresent(etag -> builder.header("If-Match", etag));
        HttpRequest.BodyPublisher body = request.body()
                .map(json -> HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .orElse(HttpRequest.BodyPublishers.noBody());
        request.body().ifPresent(json -> builder.header("Content-Type", profile.requestContentType()));
        builder.method(request.method(), body);
        Instant start = clock.instant();
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            LOG.debugf("scim_request method=%s path=%s status=%d latency_ms=%d", request.method(), request.path(),
                    response.statusCode(), Duration.between(start, clock.instant()).toMillis());
            return response;
        } catch (IOException e) {
            LOG.debugf("scim_request method=%s path=%s failed=%s", request.method(), request.path(), e.getClass().getSimpleName());
            throw classifier.noResponse(request.method(), request.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw classifier.noResponse(request.method(), request.path(), e);
        }
    }

    /** The RFC 7644 §3.12 {@code scimType} of an error body, when the body is a readable SCIM error. */
    private static Optional<String> scimType(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode type = ScimJson.MAPPER.readTree(body).path("scimType");
            return type.isTextual() && !type.asText().isBlank() ? Optional.of(type.asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
