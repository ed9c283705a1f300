package dev.switchboard.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.testing.GatewayProcess;
import dev.switchboard.gateway.testing.TestTransmitter;
import dev.switchboard.testkit.postgres.TestDatabase;
import dev.switchboard.testkit.proxy.FaultKind;
import dev.switchboard.testkit.proxy.FaultPlan;
import dev.switchboard.testkit.proxy.FaultProxy;
import dev.switchboard.testkit.proxy.FaultStats;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 5,000 user changes through a proxy that faults 30% of the requests, with the gateway killed
 * by SIGKILL in the middle of the run and started again. The app must end in exactly the state
 * the last change of each user describes: none missing, no duplicate account, no deleted user
 * resurrected.
 */
class CrashSafetyIT {

    private static final int USERS = 1_000;
    private static final int CHANGES = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    /** What a user should look like downstream after all changes; {@code deleted} users must be absent. */
    private record Expected(String userName, String familyName, boolean active, boolean deleted) {
    }

    @Test
    void faultsAndAKillMidRun_endInExactlyTheExpectedDownstreamState() throws Exception {
        Random random = new Random(20261130L);
        try (TestDatabase database = TestDatabase.create("sb_crash");
             TestTransmitter transmitter = TestTransmitter.start("hub", Duration.ofSeconds(1));
             ScimmyServer scimmy = ScimmyServer.start();
             FaultProxy proxy = FaultProxy.start(scimmy.baseUrl(), FaultPlan.seeded(7)
                     .with(FaultKind.ERROR_500, 1).with(FaultKind.ERROR_503, 1).with(FaultKind.TOO_MANY_REQUESTS, 1)
                     .with(FaultKind.RESET, 1).with(FaultKind.SLOW, 0.5)
                     .withRate(0.30))) {

            Map<String, Expected> expected = new LinkedHashMap<>();
            List<TestTransmitter.SignedSet> sets = changes(transmitter, random, expected);
            transmitter.enqueue(sets.toArray(TestTransmitter.SignedSet[]::new));

            Path targets = workDir.resolve("targets.yaml");
            Files.writeString(targets, """
                    targets:
                      - id: scimmy
                        displayName: SCIMMY behind a faulty network
                        baseUrl: %s
                        profile: scimmy
                        auth: { type: bearer, token: "%s" }
                        scope: { realms: [hub] }
                        deprovision: delete
                        provisionGroups: false
                        concurrency: 8
                        rateLimit: { perSecond: 2000, burst: 200 }
                    """.formatted(proxy.baseUrl(), scimmy.token()));
            Map<String, String> config = new LinkedHashMap<>(transmitter.sourceConfig("hub", true));
            config.put("switchboard.sources.hub.long-poll-wait", "3s");
            config.put("switchboard.intake.poll.lease-duration", "6s");
            config.put("switchboard.targets.file", targets.toString());
            config.put("switchboard.delivery.lease", "5s");
            config.put("switchboard.delivery.poll-interval", "200ms");
            config.put("switchboard.delivery.retry.initial-backoff", "50ms");
            config.put("switchboard.delivery.retry.max-backoff", "1s");
            config.put("switchboard.delivery.retry.max-attempts", "200");
            config.put("switchboard.delivery.breaker.open-for", "300ms");
            config.put("switchboard.delivery.breaker.failure-threshold", "20");

            long started = System.nanoTime();
            try (GatewayProcess gateway = GatewayProcess.start(workDir, database, config)) {
                HttpClient http = HttpClient.newHttpClient();
                // mid-run: some of the changes are downstream, most are not
                await().atMost(Duration.ofMinutes(3)).until(() -> scimmyUsers(http, scimmy) >= USERS / 4);
                long killedAt = scimmyUsers(http, scimmy);
                gateway.kill();
                gateway.start();

                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
                        .until(() -> transmitter.queued() == 0 && backlog(http, gateway) == 0);

                List<JsonNode> deadLetters = list(http, gateway.baseUrl().resolve("/api/v1/delivery/dead-letters?limit=500"));
                List<JsonNode> accounts = new ScimReader(scimmy.baseUrl(), scimmy::token).all("/Users");
                FaultStats faults = proxy.stats();

                Map<String, Integer> accountsPerExternalId = new HashMap<>();
                Map<String, JsonNode> byUserName = new HashMap<>();
                for (JsonNode account : accounts) {
                    accountsPerExternalId.merge(account.path("externalId").asText(), 1, Integer::sum);
                    byUserName.put(account.path("userName").asText(), account);
                }
                long alive = expected.values().stream().filter(e -> !e.deleted()).count();
                long missing = 0;
                long wrong = 0;
                long resurrected = 0;
                for (Expected user : expected.values()) {
                    JsonNode account = byUserName.get(user.userName());
                    if (user.deleted()) {
                        resurrected += account == null ? 0 : 1;
                    } else if (account == null) {
                        missing++;
                    } else if (!account.path("name").path("familyName").asText().equals(user.familyName())
                            || account.path("active").asBoolean() != user.active()) {
                        wrong++;
                    }
                }
                long duplicates = accountsPerExternalId.values().stream().filter(n -> n > 1).count();
                System.out.printf("""
                        crash-safety: changes=%d users=%d expected_alive=%d expected_deleted=%d
                        crash-safety: accounts=%d missing=%d wrong_state=%d duplicates=%d resurrected=%d dead_letters=%d
                        crash-safety: killed_at_accounts=%d requests_forwarded=%d faults_injected=%d %s elapsed_s=%.1f
                        """, CHANGES, USERS, alive, USERS - alive, accounts.size(), missing, wrong, duplicates, resurrected,
                        deadLetters.size(), killedAt, faults.forwarded(), faults.notForwarded(), faults.injected(),
                        (System.nanoTime() - started) / 1e9);

                // the plan faults ~27 % of requests; how many requests 5,000 changes make depends on how much
                // intake coalesces before delivery runs, so the share is checked, plus a floor in absolute terms
                assertThat(faults.notForwarded()).as("faults were injected").isGreaterThan(CHANGES / 20);
                assertThat((double) faults.notForwarded() / faults.total()).as("share of requests faulted").isGreaterThan(0.2);
                assertThat(deadLetters).as("dead letters").isEmpty();
                assertThat(missing).as("missing accounts").isZero();
                assertThat(wrong).as("accounts in a stale state").isZero();
                assertThat(duplicates).as("duplicate accounts").isZero();
                assertThat(resurrected).as("deleted users present again").isZero();
                assertThat(accounts).hasSize((int) alive);
            }
        }
    }

    /** 5,000 changes over 1,000 users: each is created, changed a few times, and about one in ten is deleted last. */
    private static List<TestTransmitter.SignedSet> changes(TestTransmitter transmitter, Random random, Map<String, Expected> expected) {
        List<TestTransmitter.SignedSet> sets = new ArrayList<>(CHANGES);
        for (int i = 0; i < USERS; i++) {
            String id = "u-%04d".formatted(i);
            Expected user = new Expected("user%04d".formatted(i), "Family0", true, false);
            expected.put(id, user);
            sets.add(snapshot(transmitter, id, user).created().sign());
        }
        while (sets.size() < CHANGES) {
            String id = "u-%04d".formatted(random.nextInt(USERS));
            Expected current = expected.get(id);
            if (current.deleted()) {
                continue;
            }
            Expected next;
            if (random.nextInt(100) < 4) {
                next = new Expected(current.userName(), current.familyName(), current.active(), true);
                sets.add(snapshot(transmitter, id, next).deleted().sign());
            } else {
                next = new Expected(current.userName(), "Family" + sets.size(), random.nextInt(5) != 0, false);
                sets.add(snapshot(transmitter, id, next).sign());
            }
            expected.put(id, next);
        }
        return sets;
    }

    private static TestTransmitter.SetBuilder snapshot(TestTransmitter transmitter, String id, Expected user) {
        return transmitter.user(id)
                .username(user.userName())
                .active(user.active())
                .dataField("name", Map.of("givenName", "Given", "familyName", user.familyName()))
                .dataField("emails", List.of(Map.of("value", user.userName() + "@example.com", "primary", true)))
                .dataField(TestTransmitter.USER_EXTENSION, Map.of("realm", "hub", "emailVerified", true,
                        "attributes", Map.of(), "groups", List.of(), "federatedIdentities", List.of()));
    }

    private static long scimmyUsers(HttpClient http, ScimmyServer scimmy) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(scimmy.statsUrl())
                .header("Authorization", "Bearer " + scimmy.token()).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("users").asLong();
    }

    private static long backlog(HttpClient http, GatewayProcess gateway) throws Exception {
        long backlog = 0;
        for (JsonNode target : list(http, gateway.baseUrl().resolve("/api/v1/delivery/targets"))) {
            backlog += target.path("backlog").asLong();
        }
        return backlog;
    }

    private static List<JsonNode> list(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(response.body()).forEach(items::add);
        return items;
    }
}
