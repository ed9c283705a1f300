package dev.switchboard.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import org.junit.jupiter.api.Test;

/** The proxy in front of a real app (SCIMMY on express, keep-alive): faults never duplicate a create. */
class FaultProxyScimmyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void faultyRunAgainstScimmy_createsExactlyTheForwardedUsers() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        FaultPlan plan = FaultPlan.seeded(7)
                .with(FaultKind.ERROR_503, 2).with(FaultKind.TOO_MANY_REQUESTS, 1).with(FaultKind.RESET, 1)
                .with(FaultKind.SLOW, 1)
                .withSlowDelay(java.time.Duration.ofMillis(20))
                .withRate(0.4);
        int created = 0;
        int resets = 0;
        try (ScimmyServer scimmy = ScimmyServer.start();
             FaultProxy proxy = FaultProxy.start(scimmy.baseUrl(), plan)) {
            for (int i = 0; i < 40; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/Users"))
                        .header("Authorization", "Bearer " + scimmy.token())
                        .header("Content-Type", "application/scim+json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"user-%d"}
                                """.formatted(i), StandardCharsets.UTF_8))
                        .build();
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 201) {
                        created++;
                    }
                } catch (IOException reset) {
                    resets++;
                }
            }
            HttpRequest statsRequest = HttpRequest.newBuilder(scimmy.statsUrl())
                    .header("Authorization", "Bearer " + scimmy.token()).GET().build();
            long usersAtApp = JSON.readTree(http.send(statsRequest, HttpResponse.BodyHandlers.ofString()).body()).path("users").asLong();

            assertThat(proxy.stats().forwarded()).isEqualTo(created);
            assertThat(usersAtApp).isEqualTo(created);
            assertThat(proxy.stats().notForwarded()).isEqualTo(40 - created);
            assertThat(proxy.stats().injected(FaultKind.RESET)).isPositive().isEqualTo(resets);
        }
    }
}
