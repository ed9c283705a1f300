package dev.switchboard.benchmarks.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.testkit.keycloak.KeycloakAdmin;

/**
 * Polls and acknowledges the hub realm's outbox as the gateway does (long poll, ack on the next
 * poll), so rows are served, signed and deleted while users are created: Keycloak pays for the
 * whole hand-over, not only for the insert. It does nothing with the SETs, so the gateway's own
 * work is not on this machine's CPU while the extension's cost is measured.
 */
final class OutboxDrainer implements AutoCloseable {

    private final KeycloakAdmin admin;
    private final URI pollUrl;
    private final URI tokenUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final Thread thread;

    OutboxDrainer(KeycloakAdmin admin, URI realmUrl) {
        this(admin, realmUrl, true);
    }

    private OutboxDrainer(KeycloakAdmin admin, URI realmUrl, boolean draining) {
        this.admin = admin;
        this.pollUrl = URI.create(realmUrl + "/switchboard/poll");
        this.tokenUrl = URI.create(realmUrl + "/protocol/openid-connect/token");
        this.thread = new Thread(this::run, "outbox-drainer");
        thread.setDaemon(true);
        if (draining) {
            thread.start();
        } else {
            running.set(false);
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    /** SETs received (acknowledged in the next poll). */
    long served() {
        return served.get();
    }

    /** Poll answers received, empty ones included. */
    long polls() {
        return polls.get();
    }

    private void run() {
        List<String> toAck = new ArrayList<>();
        String token = token();
        long tokenAt = System.nanoTime();
        while (running.get()) {
            if (System.nanoTime() - tokenAt > Duration.ofSeconds(60).toNanos()) {
                token = token();
                tokenAt = System.nanoTime();
            }
            JsonNode answer = poll(token, toAck, false);
            polls.incrementAndGet();
            acknowledged.addAndGet(toAck.size());
            toAck = new ArrayList<>();
            answer.path("sets").fieldNames().forEachRemaining(toAck::add);
            served.addAndGet(toAck.size());
        }
        if (!toAck.isEmpty()) {
            poll(token, toAck, false);
            acknowledged.addAndGet(toAck.size());
        }
    }

    private JsonNode poll(String token, List<String> ack, boolean returnImmediately) {
        try {
            String body = json.writeValueAsString(Map.of("ack", ack, "maxEvents", 500,
                    "returnImmediately", returnImmediately));
            HttpRequest request = HttpRequest.newBuilder(pollUrl).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("poll answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("poll failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }

    /**
     * Polls that find nothing, answered at once, one after the other: the fixed cost of a poll
     * answer (token check, transactions, HTTP) that a stream of small batches pays per batch.
     */
    static void emptyPolls(KeycloakAdmin admin, URI realmUrl, int count) {
        OutboxDrainer idle = new OutboxDrainer(admin, realmUrl, false);
        String token = idle.token();
        for (int i = 0; i < count; i++) {
            JsonNode answer = idle.poll(token, List.of(), true);
            if (answer.path("sets").size() != 0) {
                throw new IllegalStateException("expected an empty outbox, got " + answer.path("sets").size() + " SETs");
            }
        }
    }

    private String token() {
        return admin.postForm(tokenUrl, Map.of("grant_type", "client_credentials",
                "client_id", BenchRealms.POLLER_CLIENT, "client_secret", BenchRealms.POLLER_SECRET))
                .path("access_token").asText();
    }

    /** Stops after the poll in flight (a long poll answers within the extension's wait) and acks what it got. */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
