package dev.switchboard.benchmarks.sink;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ScimSinkTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private ScimSink sink;

    @BeforeEach
    void start() throws IOException {
        sink = ScimSink.start(2);
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void duplicateUserName_differingOnlyInCase_isRefusedWith409() throws Exception {
        assertThat(post("/Users", """
                {"userName": "Alice", "externalId": "k1"}""").statusCode()).isEqualTo(201);

        HttpResponse<String> second = post("/Users", """
                {"userName": "alice", "externalId": "k2"}""");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("uniqueness");
        assertThat(sink.userCount()).isEqualTo(1);
    }

    @Test
    void userNameFilter_withEscapedQuote_findsTheUser() throws Exception {
        post("/Users", """
                {"userName": "o\\"brien", "externalId": "k3"}""");

        String filter = URLEncoder.encode("userName eq \"o\\\"brien\"", StandardCharsets.UTF_8);
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(sink.baseUrl() + "/Users?filter=" + filter)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(found.body()).contains("\"totalResults\":1").contains("k3");
    }

    @Test
    void patch_replacesTheAttribute_andRecordsTheWrite() throws Exception {
        HttpResponse<String> created = post("/Users", """
                {"userName": "bob", "externalId": "k4", "active": true}""");
        String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(URI.create(sink.baseUrl() + "/Users/" + id))
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("""
                                {"Operations": [{"op": "replace", "path": "active", "value": false}]}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.body()).contains("\"active\":false");
        assertThat(sink.writes()).isEqualTo(2);
        assertThat(sink.lastWriteNanos("k4")).isNotNull();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sink.baseUrl() + path))
                        .header("Content-Type", "application/scim+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
