package dev.switchboard.gateway.targets.api;

import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(dev.switchboard.gateway.testing.PostgresTestResource.class)
class TargetResourceTest {

    /** Every secret any test sends or the test targets file holds: none may appear in a response or a log line. */
    private static final List<String> SECRETS = List.of("tok-Alpha-1", "tok-Bravo-2", "cs-Charlie-3", "file-token-s3cr3t-value");

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            logLines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    TargetRegistry registry;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void noSecretWasLogged() {
        Logger.getLogger("").removeHandler(capture);
        for (String secret : SECRETS) {
            assertThat(logLines).noneMatch(line -> line.contains(secret));
        }
    }

    private static String bearerSpec(String id, String token) {
        return """
                {
                  "id": "%s",
                  "displayName": "App %s",
                  "baseUrl": "http://127.0.0.1:9/scim/v2",
                  "auth": { "type": "bearer", "token": "%s" },
                  "scope": { "realms": ["hub"], "filter": "userName sw \\"a\\"" },
                  "deprovision": "delete"
                }
                """.formatted(id, id, token);
    }

    private static Response send(String method, String path, String body) {
        var request = given().contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        Response response = request.request(method, path);
        for (String secret : SECRETS) {
            assertThat(response.asString()).doesNotContain(secret);
        }
        return response;
    }

    @Test
    void createGetReplaceDelete_roundTripKeepsSecretsWriteOnly() {
        Response created = send("POST", "/api/v1/targets", bearerSpec("app-crud", "tok-Alpha-1"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/targets/app-crud");
        assertThat(created.jsonPath().getString("origin")).isEqualTo("api");
        assertThat(created.jsonPath().getString("spec.auth.token")).isEqualTo("***set***");
        assertThat(created.jsonPath().getString("spec.profile")).isEqualTo("generic");
        long firstRevision = created.jsonPath().getLong("revision");
        assertThat(java.time.Instant.parse(created.jsonPath().getString("createdAt"))).isNotNull();

        Response fetched = send("GET", "/api/v1/targets/app-crud", null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.jsonPath().getString("spec.displayName")).isEqualTo("App app-crud");
        assertThat(fetched.jsonPath().getString("spec.auth.token")).isEqualTo("***set***");
        assertThat(send("GET", "/api/v1/targets", null).jsonPath().getList("id", String.class)).contains("app-crud");

        TargetDefinition definition = registry.byId("app-crud").orElseThrow();
        assertThat(definition.connection().auth()).isEqualTo(new ScimAuth.Bearer("tok-Alpha-1"));
        assertThat(definition.deprovision()).isEqualTo(DeprovisionMode.DELETE);
        assertThat(definition.revision()).isEqualTo(firstRevision);

        // PUT without the token keeps the stored one; other fields change
        Response replaced = send("PUT", "/api/v1/targets/app-crud", """
                { "baseUrl": "http://127.0.0.1:9/scim/v2", "displayName": "Renamed", "auth": { "type": "bearer" } }
                """);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.jsonPath().getString("spec.displayName")).isEqualTo("Renamed");
        assertThat(replaced.jsonPath().getString("spec.auth.token")).isEqualTo("***set***");
        TargetDefinition afterReplace = registry.byId("app-crud").orElseThrow();
        assertThat(afterReplace.connection().auth()).isEqualTo(new ScimAuth.Bearer("tok-Alpha-1"));
        assertThat(afterReplace.revision()).isGreaterThan(firstRevision);
        assertThat(afterReplace.deprovision()).isEqualTo(DeprovisionMode.DEACTIVATE);

        // echoing the mask back also keeps it; a new value replaces it
        assertThat(send("PUT", "/api/v1/targets/app-crud", """
                { "baseUrl": "http://127.0.0.1:9/scim/v2", "auth": { "type": "bearer", "token": "***set***" } }
                """).statusCode()).isEqualTo(200);
        assertThat(registry.byId("app-crud").orElseThrow().connection().auth()).isEqualTo(new ScimAuth.Bearer("tok-Alpha-1"));
        assertThat(send("PUT", "/api/v1/targets/app-crud", bearerSpec("app-crud", "tok-Bravo-2")).statusCode()).isEqualTo(200);
        assertThat(registry.byId("app-crud").orElseThrow().connection().auth()).isEqualTo(new ScimAuth.Bearer("tok-Bravo-2"));

        assertThat(send("DELETE", "/api/v1/targets/app-crud", null).statusCode()).isEqualTo(204);
        Response gone = send("GET", "/api/v1/targets/app-crud", null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(registry.byId("app-crud")).isEmpty();
        // the capture works (so the no-secret check after each test means something)
        assertThat(logLines).anyMatch(line -> line.startsWith("target.created id=app-crud origin=api"));
    }

    @Test
    void invalidSpec_isRejectedWithProblemNamingEachFieldAndNothingStored() {
        Response response = send("POST", "/api/v1/targets", """
                {
                  "id": "app-invalid",
                  "baseUrl": "http://127.0.0.1:9/scim/v2",
                  "auth": { "type": "oauth2-client-secret", "tokenUrl": "not a url", "clientId": "c", "clientSecret": "cs-Charlie-3" },
                  "scope": { "filter": "department eqq \\"x\\"" }
                }
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(400);
        assertThat(response.jsonPath().getList("errors.field", String.class)).containsExactlyInAnyOrder("auth.tokenUrl", "scope.filter");
        assertThat(response.jsonPath().getString("detail"))
                .contains("scope.filter: unexpected token 'eqq' at 11")
                .contains("auth.tokenUrl: must be an absolute http(s) URL");
        assertThat(send("GET", "/api/v1/targets/app-invalid", null).statusCode()).isEqualTo(404);
    }

    @Test
    void malformedOrMistypedBody_isProblemNamingTheField() {
        Response malformed = send("POST", "/api/v1/targets", "{ \"id\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.jsonPath().getList("errors.field", String.class)).containsExactly("body");

        Response unknown = send("POST", "/api/v1/targets", """
                { "id": "app-typo", "baseUrl": "http://127.0.0.1:9/scim", "provisionGroup": true }
                """);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.jsonPath().getString("detail")).isEqualTo("provisionGroup: unknown field");
        assertThat(unknown.asString()).doesNotContain("dev.switchboard").doesNotContain("Exception");
    }

    @Test
    void secondCreateWithSameId_isConflict() {
        assertThat(send("POST", "/api/v1/targets", bearerSpec("app-dup", "tok-Alpha-1")).statusCode()).isEqualTo(201);

        Response again = send("POST", "/api/v1/targets", bearerSpec("app-dup", "tok-Bravo-2"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(registry.byId("app-dup").orElseThrow().connection().auth()).isEqualTo(new ScimAuth.Bearer("tok-Alpha-1"));
    }

    @Test
    void changedAuthType_doesNotCarryOldSecretOver() {
        assertThat(send("POST", "/api/v1/targets", bearerSpec("app-switch", "tok-Alpha-1")).statusCode()).isEqualTo(201);

        Response response = send("PUT", "/api/v1/targets/app-switch", """
                { "baseUrl": "http://127.0.0.1:9/scim/v2", "auth": { "type": "oauth2-client-secret",
                  "tokenUrl": "http://127.0.0.1:9/token", "clientId": "switchboard" } }
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("detail")).isEqualTo("auth.clientSecret: is required for type oauth2-client-secret");

        Response fixed = send("PUT", "/api/v1/targets/app-switch", """
                { "baseUrl": "http://127.0.0.1:9/scim/v2", "auth": { "type": "oauth2-client-secret",
                  "tokenUrl": "http://127.0.0.1:9/token", "clientId": "switchboard", "clientSecret": "cs-Charlie-3" } }
                """);
        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(fixed.jsonPath().getString("spec.auth.clientSecret")).isEqualTo("***set***");
        assertThat(fixed.jsonPath().getString("spec.auth.token")).isNull();
        assertThat(registry.byId("app-switch").orElseThrow().connection().auth()).isEqualTo(new ScimAuth.ClientSecret(
                java.net.URI.create("http://127.0.0.1:9/token"), "switchboard", "cs-Charlie-3", java.util.Optional.empty()));
    }

    @Test
    void storedRows_holdNoPlaintextSecret() throws Exception {
        assertThat(send("POST", "/api/v1/targets", bearerSpec("app-at-rest", "tok-Alpha-1")).statusCode()).isEqualTo(201);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT spec, secrets FROM target")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                for (String secret : SECRETS) {
                    assertThat(rs.getString("spec")).doesNotContain(secret);
                    assertThat(rs.getString("secrets")).doesNotContain(secret);
                }
            }
            assertThat(rows).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void openApiAndMetrics_describeTargets() {
        String openApi = given().queryParam("format", "json").get("/api/openapi").asString();
        assertThat(openApi).contains("/api/v1/targets").contains("/api/v1/targets/{id}").contains("application/problem+json");

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("(?m)^switchboard_targets(_count)? [0-9.]+$")
                .containsPattern("(?m)^switchboard_targets_unusable [0-9.]+$");
    }

    @Test
    void fileTarget_isLoadedWithSecretAndReadOnlyThroughApi() {
        Response fetched = send("GET", "/api/v1/targets/file-app", null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.jsonPath().getString("origin")).isEqualTo("file");
        assertThat(fetched.jsonPath().getString("spec.auth.token")).isEqualTo("***set***");
        assertThat(fetched.jsonPath().getMap("spec.mapping")).containsEntry("displayName", null);

        Response put = send("PUT", "/api/v1/targets/file-app", bearerSpec("file-app", "tok-Alpha-1"));
        assertThat(put.statusCode()).isEqualTo(409);
        assertThat(put.contentType()).startsWith("application/problem+json");
        assertThat(put.jsonPath().getString("detail")).contains("comes from the targets file");
        assertThat(send("DELETE", "/api/v1/targets/file-app", null).statusCode()).isEqualTo(409);
        assertThat(send("POST", "/api/v1/targets", bearerSpec("file-app", "tok-Alpha-1")).statusCode()).isEqualTo(409);

        TargetDefinition file = registry.byId("file-app").orElseThrow();
        assertThat(file.connection().auth()).isEqualTo(new ScimAuth.Bearer("file-token-s3cr3t-value"));
        assertThat(file.connection().profile()).isEqualTo("scimmy");
        assertThat(file.connection().requestTimeout()).hasSeconds(10);
        assertThat(file.rateLimit()).isEqualTo(new TargetDefinition.RateLimit(5, 10));
        assertThat(file.concurrency()).isEqualTo(2);
        assertThat(file.provisionGroups()).isTrue();

        UserSnapshot inScope = new UserSnapshot("u1", "targets-test-only-realm", "alice", "alice@example.com", true,
                "Alice", "Liddell", true, Map.of("title", List.of("Engineer")),
                List.of(new UserSnapshot.GroupRef("g1", "eng", "/staff/eng")), List.of());
        assertThat(file.scope().includes("targets-test-only-realm", inScope)).isTrue();
        assertThat(file.scope().includes("hub", inScope)).isFalse();
        assertThat(file.mapping().user(inScope).has("displayName")).isFalse();
        assertThat(file.mapping().user(inScope).get("title").asText()).isEqualTo("Engineer");
    }
}
