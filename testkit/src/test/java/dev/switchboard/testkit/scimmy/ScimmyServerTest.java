package dev.switchboard.testkit.scimmy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScimmyServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ScimmyServer server;

    @BeforeAll
    static void start() {
        server = ScimmyServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createdUser_isReadBackWithIdMetaAndExternalId() throws Exception {
        HttpResponse<String> created = send("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"ada","externalId":"kc-ada","active":true,
                 "emails":[{"value":"ada@example.org","primary":true}]}
                """);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        assertThat(id).isNotBlank();

        JsonNode read = JSON.readTree(send("GET", "/Users/" + id, null).body());
        assertThat(read.path("userName").asText()).isEqualTo("ada");
        assertThat(read.path("externalId").asText()).isEqualTo("kc-ada");
        assertThat(read.path("meta").path("resourceType").asText()).isEqualTo("User");
        assertThat(read.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
    }

    @Test
    void filterOnUserName_returnsOnlyTheMatchingUser() throws Exception {
        send("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"grace"}
                """);
        send("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"linus"}
                """);
        String filter = URLEncoder.encode("userName eq \"grace\"", StandardCharsets.UTF_8);

        JsonNode list = JSON.readTree(send("GET", "/Users?filter=" + filter, null).body());

        assertThat(list.path("totalResults").asInt()).isEqualTo(1);
        assertThat(list.path("Resources").get(0).path("userName").asText()).isEqualTo("grace");
    }

    @Test
    void duplicateUserName_isRejectedWith409Uniqueness() throws Exception {
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dup"}
                """;
        assertThat(send("POST", "/Users", body).statusCode()).isEqualTo(201);

        HttpResponse<String> second = send("POST", "/Users", body.replace("dup", "DUP"));

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).path("scimType").asText()).isEqualTo("uniqueness");
    }

    @Test
    void wrongBearerToken_isRejectedWith401() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Users"))
                .header("Authorization", "Bearer not-" + server.token())
                .GET().build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void latencyKnob_delaysEveryRequest() throws Exception {
        try (ScimmyServer slow = ScimmyServer.start(Duration.ofMillis(300))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(slow.baseUrl() + "/ServiceProviderConfig"))
                    .header("Authorization", "Bearer " + slow.token())
                    .GET().build();
            Instant before = Instant.now();
            assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + server.token())
                .header("Accept", "application/scim+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/scim+json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
