package dev.switchboard.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.testing.GatewayProcess;
import dev.switchboard.gateway.testing.TestTransmitter;
import dev.switchboard.testkit.postgres.TestDatabase;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production-like local mode: two gateway processes (the packaged PostgreSQL build) on
 * different ports behind one PostgreSQL database, fed by one transmitter and delivering to one
 * real SCIM app (SCIMMY). The replica that holds the source lease is killed with SIGKILL in the
 * middle of the run, and the second half of the changes is queued only after that, so the
 * survivor must take the lease over to receive them and must also finish the deliveries the dead
 * replica had claimed. The app must end holding exactly one account per living user, each in the
 * state of that user's last change.
 */
class ReplicaFailoverIT {

    private static final int USERS = 500;
    private static final Duration SOURCE_LEASE = Duration.ofSeconds(6);
    private static final Pattern REPLICA_ID = Pattern.compile("event=pollers_started .*replica=(replica-[0-9a-f-]+)");

    @TempDir
    Path workDir;

    /** The state one user must end in downstream; a deleted user must have no account. */
    private record Wanted(String familyName, boolean active, boolean deleted) {

        String describe() {
            return familyName + (active ? " active" : " inactive");
        }
    }

    /** One running replica and the id it puts into {@code source_lease}. */
    private record Replica(String name, GatewayProcess process, Path dir) implements AutoCloseable {

        @Override
        public void close() {
            process.close();
        }

        String leaseHolderId() throws IOException {
            try (var files = Files.list(dir)) {
                for (Path log : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                    Matcher m = REPLICA_ID.matcher(Files.readString(log));
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            throw new AssertionError("replica " + name + " never logged event=pollers_started; log tail:\n"
                    + process.logTail());
        }
    }

    /** The app's accounts against the wanted end state, both as externalId → "familyName active|inactive". */
    private record Tally(Map<String, String> actual, Map<String, String> expected,
                         long missing, long stale, long duplicated, long resurrected) {

        static Tally of(List<JsonNode> accounts, Map<String, Wanted> wanted) {
            Map<String, Integer> accountsPerUser = new HashMap<>();
            Map<String, String> actual = new TreeMap<>();
            for (JsonNode account : accounts) {
                String externalId = account.path("externalId").asText();
                accountsPerUser.merge(externalId, 1, Integer::sum);
                actual.put(externalId, new Wanted(account.path("name").path("familyName").asText(),
                        account.path("active").asBoolean(), false).describe());
            }
            Map<String, String> expected = new TreeMap<>();
            wanted.forEach((id, w) -> {
                if (!w.deleted()) {
                    expected.put(id, w.describe());
                }
            });
            return new Tally(actual, expected,
                    expected.keySet().stream().filter(id -> !actual.containsKey(id)).count(),
                    expected.entrySet().stream()
                            .filter(e -> actual.containsKey(e.getKey()) && !actual.get(e.getKey()).equals(e.getValue())).count(),
                    accountsPerUser.values().stream().filter(n -> n > 1).count(),
                    actual.keySet().stream().filter(id -> !wanted.containsKey(id) || wanted.get(id).deleted()).count());
        }
    }

    @Test
    void killingTheReplicaThatHoldsTheSourceLease_leavesTheSurvivorToFinish_nothingLostNothingDuplicated()
            throws Exception {
        try (TestDatabase database = TestDatabase.create("sb_failover");
             TestTransmitter transmitter = TestTransmitter.start("hub", Duration.ofSeconds(1));
             ScimmyServer scimmy = ScimmyServer.start()) {

            Map<String, Wanted> wanted = new TreeMap<>();
            List<TestTransmitter.SignedSet> firstHalf = new ArrayList<>();
            List<TestTransmitter.SignedSet> secondHalf = new ArrayList<>();
            plan(transmitter, wanted, firstHalf, secondHalf);
            int changes = firstHalf.size() + secondHalf.size();
            Map<String, String> config = replicaConfig(transmitter, scimmy);

            long started = System.nanoTime();
            try (Replica first = start("a", database, config);
                 Replica second = start("b", database, config)) {
                transmitter.enqueue(firstHalf.toArray(TestTransmitter.SignedSet[]::new));

                ScimReader app = new ScimReader(scimmy.baseUrl(), scimmy::token);
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> app.get("/Users?count=1").path("totalResults").asInt() >= USERS / 4);
                String holderAtKill = leaseHolder(database).orElseThrow(() -> new AssertionError("no source lease held"));
                Replica victim = holderAtKill.equals(first.leaseHolderId()) ? first : second;
                Replica survivor = victim == first ? second : first;
                assertThat(holderAtKill).as("the lease holder is one of the two replicas")
                        .isEqualTo(victim.leaseHolderId());
                int accountsAtKill = app.get("/Users?count=1").path("totalResults").asInt();
                long storedAtKill = count(database, "SELECT count(*) FROM inbound_event");
                long claimedAtKill = count(database, "SELECT count(*) FROM delivery_task WHERE locked_until > now()");
                victim.process().kill();
                Instant killedAt = Instant.now();
                transmitter.enqueue(secondHalf.toArray(TestTransmitter.SignedSet[]::new));

                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
                        .until(() -> transmitter.queued() == 0
                                && count(database, "SELECT count(*) FROM inbound_event") == changes
                                && count(database, "SELECT count(*) FROM delivery_task WHERE status = 'PENDING'") == 0);
                String holderAfter = leaseHolder(database).orElse("none");
                Duration takeover = Duration.between(killedAt, Instant.now());

                List<JsonNode> accounts = app.all("/Users");
                Tally tally = Tally.of(accounts, wanted);
                long dead = count(database, "SELECT count(*) FROM delivery_task WHERE status = 'DEAD'");
                long stored = count(database, "SELECT count(*) FROM inbound_event");
                System.out.printf("""
                        replica-failover: changes=%d users=%d expected_accounts=%d killed=%s survivor=%s
                        replica-failover: at_kill accounts=%d stored_sets=%d claimed_tasks=%d
                        replica-failover: end accounts=%d stored_sets=%d acks=%d missing=%d stale=%d duplicated=%d resurrected=%d dead_letters=%d
                        replica-failover: lease_holder_after=%s survivor_id=%s finished_after_kill_s=%.1f elapsed_s=%.1f
                        """, changes, USERS, tally.expected().size(), victim.name(), survivor.name(),
                        accountsAtKill, storedAtKill, claimedAtKill,
                        accounts.size(), stored, transmitter.acks().size(), tally.missing(), tally.stale(),
                        tally.duplicated(), tally.resurrected(), dead,
                        holderAfter, survivor.leaseHolderId(), takeover.toMillis() / 1e3, (System.nanoTime() - started) / 1e9);

                assertThat(accountsAtKill).as("the kill came mid-run").isLessThan(tally.expected().size());
                assertThat(holderAfter).as("the source lease moved to the survivor").isEqualTo(survivor.leaseHolderId());
                assertThat(stored).as("every SET stored exactly once").isEqualTo(changes);
                assertThat(dead).as("dead letters").isZero();
                assertThat(tally.duplicated()).as("users with more than one account").isZero();
                assertThat(tally.resurrected()).as("deleted users with an account").isZero();
                assertThat(tally.missing()).as("living users without an account").isZero();
                assertThat(tally.actual()).as("downstream accounts by externalId").isEqualTo(tally.expected());
            }
        }
    }

    /**
     * Every user is created and renamed in the first half; in the second half every user is
     * renamed again, every fifth deactivated and every tenth deleted, so the end state depends on
     * changes only the survivor can receive.
     */
    private static void plan(TestTransmitter transmitter, Map<String, Wanted> wanted,
                             List<TestTransmitter.SignedSet> firstHalf, List<TestTransmitter.SignedSet> secondHalf) {
        for (int i = 0; i < USERS; i++) {
            firstHalf.add(change(transmitter, wanted, i, new Wanted("Created", true, false)).created().sign());
        }
        for (int i = 0; i < USERS; i++) {
            firstHalf.add(change(transmitter, wanted, i, new Wanted("Renamed" + i, true, false)).sign());
        }
        for (int i = 0; i < USERS; i++) {
            secondHalf.add(change(transmitter, wanted, i, new Wanted("Final" + i, i % 5 != 0, false)).sign());
        }
        for (int i = 0; i < USERS; i += 10) {
            Wanted last = wanted.get(userId(i));
            secondHalf.add(change(transmitter, wanted, i, new Wanted(last.familyName(), last.active(), true)).deleted().sign());
        }
    }

    private static TestTransmitter.SetBuilder change(TestTransmitter transmitter, Map<String, Wanted> wanted, int i,
                                                     Wanted next) {
        String id = userId(i);
        wanted.put(id, next);
        String userName = "member%04d".formatted(i);
        return transmitter.user(id)
                .username(userName)
                .active(next.active())
                .dataField("name", Map.of("givenName", "Member", "familyName", next.familyName()))
                .dataField("emails", List.of(Map.of("value", userName + "@example.org", "primary", true)))
                .dataField(TestTransmitter.USER_EXTENSION, Map.of("realm", "hub", "emailVerified", true,
                        "attributes", Map.of(), "groups", List.of(), "federatedIdentities", List.of()));
    }

    private static String userId(int i) {
        return "m-%04d".formatted(i);
    }

    /** Both replicas get the same settings: short leases, so the takeover fits in a test's time. */
    private Map<String, String> replicaConfig(TestTransmitter transmitter, ScimmyServer scimmy) throws IOException {
        Path targets = Files.writeString(workDir.resolve("targets.yaml"),
                "targets: [{id: scimmy, displayName: SCIMMY behind two replicas, baseUrl: '%s', profile: scimmy, "
                        .formatted(scimmy.baseUrl())
                        + "auth: {type: bearer, token: '%s'}, scope: {realms: [hub]}, deprovision: delete, "
                        .formatted(scimmy.token())
                        + "provisionGroups: false, concurrency: 4}]\n");
        Map<String, String> config = new LinkedHashMap<>(transmitter.sourceConfig("hub", true));
        config.putAll(Map.ofEntries(
                Map.entry("switchboard.sources.hub.long-poll-wait", "3s"),
                Map.entry("switchboard.intake.poll.lease-duration", SOURCE_LEASE.toSeconds() + "s"),
                Map.entry("switchboard.targets.file", targets.toString()),
                Map.entry("switchboard.delivery.lease", "5s"),
                Map.entry("switchboard.delivery.poll-interval", "200ms"),
                Map.entry("switchboard.delivery.retry.initial-backoff", "100ms"),
                Map.entry("switchboard.delivery.retry.max-backoff", "2s"),
                Map.entry("switchboard.delivery.retry.max-attempts", "100")));
        return config;
    }

    private Replica start(String name, TestDatabase database, Map<String, String> config) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        return new Replica(name, GatewayProcess.start(dir, database, config), dir);
    }

    private static Optional<String> leaseHolder(TestDatabase database) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement(
                     "SELECT holder FROM source_lease WHERE source_id = 'hub' AND expires_at > ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static long count(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
