package dev.switchboard.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

    private HttpServer upstream;
    private final List<byte[]> receivedBodies = new CopyOnWriteArrayList<>();
    private final List<String> receivedContentTypes = new CopyOnWriteArrayList<>();
    private final Set<Integer> upstreamClientPorts = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.setExecutor(Executors.newFixedThreadPool(4));
        upstream.createContext("/scim/v2", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            receivedBodies.add(body);
            receivedContentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            upstreamClientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] answer = ("echo:" + body.length).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private URI upstreamBase() {
        return URI.create("http://127.0.0.1:%d/scim/v2".formatted(upstream.getAddress().getPort()));
    }

    @Test
    void seededRun_injectedCountsMatchThePlanAndOnlyForwardedRequestsArrive() throws Exception {
        FaultPlan plan = FaultPlan.seeded(42)
                .with(FaultKind.ERROR_500, 1).with(FaultKind.ERROR_502, 1).with(FaultKind.ERROR_503, 1)
                .with(FaultKind.TOO_MANY_REQUESTS, 1).with(FaultKind.RESET, 1).with(FaultKind.SLOW, 1)
                .withRetryAfterSeconds(7).withSlowDelay(Duration.ofMillis(5))
                .withRate(0.5);
        int requests = 120;
        Map<FaultKind, Long> expected = new EnumMap<>(FaultKind.class);
        long expectedForwarded = 0;
        for (Fault decision : plan.decisions(requests)) {
            if (decision instanceof Fault.Injected injected) {
                expected.merge(injected.kind(), 1L, Long::sum);
            }
            if (decision instanceof Fault.Forward || decision instanceof Fault.Delay) {
                expectedForwarded++;
            }
        }
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        int resets = 0;
        int retryAfterSeven = 0;

        try (FaultProxy proxy = FaultProxy.start(upstreamBase(), plan)) {
            for (int i = 0; i < requests; i++) {
                // POST: HttpClient never retries it, so every attempt is exactly one proxied request
                HttpRequest request = HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/Users"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")).build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.headers().firstValue("Retry-After").orElse("").equals("7")) {
                        retryAfterSeven++;
                    }
                } catch (IOException reset) {
                    resets++;
                }
            }
            FaultStats stats = proxy.stats();

            for (FaultKind kind : FaultKind.values()) {
                assertThat(stats.injected(kind)).as(kind.name()).isEqualTo(expected.getOrDefault(kind, 0L));
            }
            assertThat(expected.values()).allMatch(count -> count > 0);
            assertThat(stats.forwarded()).isEqualTo(expectedForwarded);
            assertThat(stats.total()).isEqualTo(requests);
        }
        assertThat(receivedBodies).hasSize((int) expectedForwarded);
        assertThat(resets).isEqualTo(expected.get(FaultKind.RESET).intValue());
        assertThat(statuses.getOrDefault(500, 0)).isEqualTo(expected.get(FaultKind.ERROR_500).intValue());
        assertThat(statuses.getOrDefault(502, 0)).isEqualTo(expected.get(FaultKind.ERROR_502).intValue());
        assertThat(statuses.getOrDefault(503, 0)).isEqualTo(expected.get(FaultKind.ERROR_503).intValue());
        assertThat(statuses.getOrDefault(429, 0)).isEqualTo(expected.get(FaultKind.TOO_MANY_REQUESTS).intValue());
        assertThat(retryAfterSeven).isEqualTo(expected.get(FaultKind.TOO_MANY_REQUESTS).intValue());
        assertThat(statuses.getOrDefault(200, 0)).isEqualTo((int) expectedForwarded);
    }

    @Test
    void forwardedBody_arrivesByteForByte_withContentLengthAndChunked() throws Exception {
        String json = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jürgen","name":{"givenName":"Zoë"}}
                """;
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try (FaultProxy proxy = FaultProxy.start(upstreamBase())) {
            HttpResponse<String> fixed = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/Users"))
                    .header("Content-Type", "application/scim+json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/Users"))
                    .header("Content-Type", "application/scim+json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(fixed.body()).isEqualTo("echo:" + bytes.length);
            assertThat(chunked.body()).isEqualTo("echo:" + bytes.length);
            assertThat(proxy.stats().forwarded()).isEqualTo(2);
        }
        assertThat(receivedBodies).hasSize(2).allSatisfy(body -> assertThat(body).isEqualTo(bytes));
        assertThat(receivedContentTypes).containsOnly("application/scim+json; charset=utf-8");
    }

    @Test
    void sequentialRequests_reuseOneUpstreamConnection() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(upstreamBase())) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/Users"))
                        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(receivedBodies).hasSize(5);
        assertThat(upstreamClientPorts).hasSize(1);
    }

    @Test
    void reset_closesWithoutAnyResponseByte() throws Exception {
        FaultPlan everyRequestReset = FaultPlan.seeded(1).with(FaultKind.RESET, 1).withRate(1.0);
        try (FaultProxy proxy = FaultProxy.start(upstreamBase(), everyRequestReset);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (java.net.SocketException connectionReset) {
                first = -2;
            }
            assertThat(first).as("no response byte, -1 for EOF or -2 for RST").isLessThan(0);
            assertThat(proxy.stats().injected(FaultKind.RESET)).isEqualTo(1);
        }
        assertThat(receivedBodies).isEmpty();
    }

    @Test
    void knobs_changeBehaviourAtRuntime() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(upstreamBase(), FaultPlan.seeded(3).with(FaultKind.ERROR_503, 1).withRate(1.0))) {
            assertThat(post(proxy).statusCode()).isEqualTo(503);

            proxy.passThrough();
            assertThat(post(proxy).statusCode()).isEqualTo(200);

            proxy.setPlan(FaultPlan.seeded(3).with(FaultKind.TOO_MANY_REQUESTS, 1).withRetryAfterSeconds(2).withRate(1.0));
            HttpResponse<String> limited = post(proxy);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("2");

            proxy.setFaultRate(0.0);
            assertThat(post(proxy).statusCode()).isEqualTo(200);

            assertThat(proxy.stats().forwarded()).isEqualTo(2);
            assertThat(proxy.stats().injected(FaultKind.ERROR_503)).isEqualTo(1);
            assertThat(proxy.stats().injected(FaultKind.TOO_MANY_REQUESTS)).isEqualTo(1);
        }
    }

    private HttpResponse<String> post(FaultProxy proxy) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/Users"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
