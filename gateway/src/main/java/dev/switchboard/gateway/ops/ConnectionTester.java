package dev.switchboard.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.connectors.auth.Authenticator;
import dev.switchboard.connectors.auth.Authenticators;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.gateway.targets.TargetDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a target can be worked with, using only reads: the app answers at all, accepts the
 * configured credentials (one GET of the Users collection, one item, whose body is discarded), and
 * says what it supports in its ServiceProviderConfig. Nothing is written to the app. A fresh HTTP
 * client is used each time, so a pooled connection cannot hide an app that stopped listening.
 */
@ApplicationScoped
public class ConnectionTester {

    private static final String SCIM_JSON = "application/scim+json";

    private final ObjectMapper json;
    private final Clock clock;

    ConnectionTester(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public ConnectionReport test(TargetDefinition target) {
        ScimClientConfig connection = target.connection();
        HttpClient http = HttpClient.newBuilder().connectTimeout(connection.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        URI spc = resolve(connection.baseUrl(), "ServiceProviderConfig");
        List<ConnectionReport.Check> checks = new ArrayList<>();

        Answer anonymous = send(http, spc, Optional.empty(), connection.requestTimeout());
        ConnectionReport.Check reachable = anonymous.response().map(r -> check("reachable", true, "answered HTTP " + r.statusCode(), anonymous))
                .orElseGet(() -> check("reachable", false, "no answer from " + hostOf(connection.baseUrl()) + ": "
                        + anonymous.error(), anonymous));
        checks.add(reachable);
        if (!reachable.ok()) {
            checks.add(new ConnectionReport.Check("auth", false, "skipped: the app is not reachable", 0));
            checks.add(new ConnectionReport.Check("serviceProviderConfig", false, "skipped: the app is not reachable", 0));
            return new ConnectionReport(false, checks, Map.of());
        }

        Authenticator authenticator = Authenticators.create(connection.auth(), http, connection.requestTimeout(), clock);
        Optional<String> authorization;
        Instant started = clock.instant();
        try {
            authorization = authenticator.authorization();
        } catch (RuntimeException e) {
            checks.add(new ConnectionReport.Check("auth", false, "could not obtain a credential: " + e.getMessage(),
                    Duration.between(started, clock.instant()).toMillis()));
            checks.add(new ConnectionReport.Check("serviceProviderConfig", false, "skipped: no credential", 0));
            return new ConnectionReport(false, checks, Map.of());
        }
        URI users = URI.create(resolve(connection.baseUrl(), "Users") + "?startIndex=1&count=1");
        Answer read = send(http, users, authorization, connection.requestTimeout());
        checks.add(read.response().map(r -> switch (r.statusCode() / 100) {
            case 2 -> check("auth", true, "credentials accepted (GET /Users answered " + r.statusCode() + ")", read);
            default -> check("auth", false, r.statusCode() == 401 || r.statusCode() == 403
                    ? "credentials refused: GET /Users answered " + r.statusCode()
                    : "GET /Users answered " + r.statusCode(), read);
        }).orElseGet(() -> check("auth", false, "no answer to GET /Users: " + read.error(), read)));

        Answer config = send(http, spc, authorization, connection.requestTimeout());
        Map<String, Object> capabilities = config.response().filter(r -> r.statusCode() == 200)
                .flatMap(r -> capabilities(r.body())).orElse(Map.of());
        checks.add(config.response()
                .map(r -> capabilities.isEmpty()
                        ? check("serviceProviderConfig", false, r.statusCode() == 200
                        ? "answered 200 but not with a ServiceProviderConfig" : "GET /ServiceProviderConfig answered " + r.statusCode(), config)
                        : check("serviceProviderConfig", true, "read", config))
                .orElseGet(() -> check("serviceProviderConfig", false, "no answer: " + config.error(), config)));
        return new ConnectionReport(checks.stream().allMatch(ConnectionReport.Check::ok), checks, capabilities);
    }

    /** The capability flags the planner and client care about, from an RFC 7643 §5 document. */
    Optional<Map<String, Object>> capabilities(String body) {
        JsonNode doc;
        try {
            doc = json.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (doc == null || !doc.has("patch") && !doc.has("filter")) {
            return Optional.empty();
        }
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("patch", doc.path("patch").path("supported").asBoolean(false));
        found.put("filter", doc.path("filter").path("supported").asBoolean(false));
        found.put("filterMaxResults", doc.path("filter").path("maxResults").asInt(0));
        found.put("bulk", doc.path("bulk").path("supported").asBoolean(false));
        found.put("bulkMaxOperations", doc.path("bulk").path("maxOperations").asInt(0));
        found.put("etag", doc.path("etag").path("supported").asBoolean(false));
        found.put("sort", doc.path("sort").path("supported").asBoolean(false));
        found.put("changePassword", doc.path("changePassword").path("supported").asBoolean(false));
        return Optional.of(found);
    }

    /** One request's answer, or why there was none, and how long it took. */
    private record Answer(Optional<HttpResponse<String>> response, String error, long millis) {
    }

    private Answer send(HttpClient http, URI url, Optional<String> authorization, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", SCIM_JSON + ", application/json").GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        Instant started = clock.instant();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(Optional.of(response), "", Duration.between(started, clock.instant()).toMillis());
        } catch (IOException e) {
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            return new Answer(Optional.empty(), why, Duration.between(started, clock.instant()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Optional.empty(), "interrupted", Duration.between(started, clock.instant()).toMillis());
        }
    }

    private static ConnectionReport.Check check(String name, boolean ok, String detail, Answer answer) {
        return new ConnectionReport.Check(name, ok, detail, answer.millis());
    }

    private static URI resolve(URI base, String endpoint) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + endpoint);
    }

    private static String hostOf(URI url) {
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }
}
