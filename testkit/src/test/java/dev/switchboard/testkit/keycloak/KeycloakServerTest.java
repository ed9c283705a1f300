package dev.switchboard.testkit.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against the JVM-wide shared Keycloak: one start (about a minute) for all these tests. */
class KeycloakServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KeycloakServer server;
    private static KeycloakAdmin admin;
    private static ScimAppRealm app;

    @BeforeAll
    static void start() {
        server = KeycloakServer.shared();
        admin = server.admin();
        app = ScimAppRealm.create(admin, "scim-app-" + Long.toHexString(System.nanoTime()));
    }

    @Test
    void sharedServer_answersOnLoopbackWithMasterRealm() {
        assertThat(server.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.isRunning()).isTrue();
        assertThat(KeycloakServer.shared()).isSameAs(server);
        assertThat(admin.get("/admin/realms/master").path("realm").asText()).isEqualTo("master");
    }

    @Test
    void adminError_failsWithStatusAndBody() {
        assertThatThrownBy(() -> admin.get("/admin/realms/does-not-exist"))
                .isInstanceOf(KeycloakAdminException.class)
                .satisfies(e -> assertThat(((KeycloakAdminException) e).status()).isEqualTo(404))
                .hasMessageContaining("Realm not found");
    }

    @Test
    void scimAppRealm_userCreatedWithClientCredentialsIsReadBack() throws Exception {
        String token = app.accessToken();
        HttpResponse<String> created = scim(token, "POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"Ada.Lovelace","active":true,
                 "name":{"givenName":"Ada","familyName":"Lovelace"},
                 "emails":[{"value":"ada@example.org","primary":true}]}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();

        JsonNode read = JSON.readTree(scim(token, "GET", "/Users/" + id, null).body());

        assertThat(read.path("userName").asText()).isEqualTo("ada.lovelace");
        assertThat(read.path("active").asBoolean()).isTrue();
        assertThat(read.path("name").path("familyName").asText()).isEqualTo("Lovelace");
        String filter = URLEncoder.encode("userName eq \"ada.lovelace\"", StandardCharsets.UTF_8);
        JsonNode list = JSON.readTree(scim(token, "GET", "/Users?filter=" + filter, null).body());
        assertThat(list.path("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void scimAppRealm_groupMembersAreAddedByPatchAndShownOnlyWhenAsked() throws Exception {
        String token = app.accessToken();
        String userId = JSON.readTree(scim(token, "POST", "/Users", """
                {"userName":"grace","name":{"givenName":"Grace","familyName":"Hopper"},
                 "emails":[{"value":"grace@example.org"}]}
                """).body()).path("id").asText();
        String groupId = JSON.readTree(scim(token, "POST", "/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"engineers"}
                """).body()).path("id").asText();

        HttpResponse<String> patched = scim(token, "PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}
                """.formatted(userId));

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(JSON.readTree(scim(token, "GET", "/Groups/" + groupId, null).body()).has("members")).isFalse();
        JsonNode withMembers = JSON.readTree(scim(token, "GET", "/Groups/" + groupId + "?attributes=members", null).body());
        assertThat(withMembers.path("members").get(0).path("value").asText()).isEqualTo(userId);
    }

    @Test
    void killThenStart_keepsRealmsAndPortsFromBeforeTheCrash() {
        long pidBefore = server.pid();
        java.net.URI urlBefore = server.baseUrl();

        server.kill();
        assertThat(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        server.start();

        assertThat(server.baseUrl()).isEqualTo(urlBefore);
        assertThat(server.pid()).isNotEqualTo(pidBefore);
        assertThat(server.admin().get("/admin/realms/" + app.realm()).path("scimApiEnabled").asBoolean()).isTrue();
    }

    @Test
    void scimWithoutToken_isRejected() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.scimBaseUrl() + "/Users")).GET().build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> scim(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.scimBaseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/scim+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/scim+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
