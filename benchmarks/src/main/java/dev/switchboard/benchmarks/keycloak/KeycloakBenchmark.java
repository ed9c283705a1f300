package dev.switchboard.benchmarks.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.benchmarks.harness.CpuTimes;
import dev.switchboard.benchmarks.harness.DatabaseUpkeep;
import dev.switchboard.benchmarks.harness.Deadline;
import dev.switchboard.benchmarks.harness.GatewaySettings;
import dev.switchboard.benchmarks.harness.ResultTable;
import dev.switchboard.benchmarks.harness.ThreadCpu;
import dev.switchboard.benchmarks.keycloak.UserCreations.Batch;
import dev.switchboard.benchmarks.keycloak.UserCreations.Created;
import dev.switchboard.benchmarks.sink.ScimSink;
import dev.switchboard.gateway.testing.GatewayProcess;
import dev.switchboard.testkit.keycloak.KeycloakAdmin;
import dev.switchboard.testkit.keycloak.KeycloakServer;
import dev.switchboard.testkit.postgres.TestDatabase;
import dev.switchboard.testkit.proxy.FaultKind;
import dev.switchboard.testkit.proxy.FaultPlan;
import dev.switchboard.testkit.proxy.FaultProxy;

/**
 * The extension's cost to Keycloak and its end-to-end speed, in one run on one Keycloak (PostgreSQL,
 * built provider jar): (a) admin user-creation rate with the extension on versus off, alternating
 * rounds so drift in the machine's load hits both alike; (b) single-client creation latency, on
 * versus off, while the gateway delivers to an app that takes 5 s per request; (c) a burst created
 * through the admin API and its provisioning into two apps, with commit-to-write latency.
 */
public final class KeycloakBenchmark {

    private static final Duration SLOW_APP_DELAY = Duration.ofSeconds(5);
    private static final int SINK_THREADS = 64;

    private final KeycloakBenchSettings settings;
    private final GatewaySettings gatewaySettings;

    public KeycloakBenchmark(KeycloakBenchSettings settings, GatewaySettings gatewaySettings) {
        this.settings = settings;
        this.gatewaySettings = gatewaySettings;
    }

    public ResultTable run() {
        ResultTable table = new ResultTable("Keycloak extension: cost to Keycloak, burst to two apps");
        table.addAll(settings.describe());
        Path workDir = workDir();
        try (TestDatabase keycloakDb = TestDatabase.create("sb_bench_kc");
             KeycloakServer keycloak = startKeycloak(keycloakDb)) {
            KeycloakAdmin admin = keycloak.admin();
            BenchRealms.create(admin);
            BrokeredLogins logins = BrokeredLogins.create(keycloak, admin, settings.loginUsers());
            UserCreations creations = new UserCreations(admin);
            creationRate(creations, admin, keycloak, new DatabaseUpkeep(keycloakDb), table);
            if (!settings.withGateway()) {
                return table;
            }
            try (TestDatabase gatewayDb = TestDatabase.create("sb_bench_kcgw");
                 ScimSink app1 = ScimSink.start(SINK_THREADS);
                 ScimSink app2 = ScimSink.start(SINK_THREADS);
                 ScimSink app3Backend = ScimSink.start(SINK_THREADS);
                 FaultProxy slowApp = FaultProxy.start(app3Backend.baseUrl());
                 GatewayProcess gateway = startGateway(workDir, gatewayDb, keycloak,
                         List.of(new Target("app-1", app1.baseUrl().toString()),
                                 new Target("app-2", app2.baseUrl().toString()),
                                 new Target("app-3", slowApp.baseUrl().toString())))) {
                logins.firstLogins();
                latencyBesideSlowApp(creations, logins, slowApp, table);
                burst(creations, List.of(app1, app2), table);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SCIM apps", e);
        }
        return table;
    }

    private KeycloakServer startKeycloak(TestDatabase db) {
        KeycloakServer.Builder builder = KeycloakServer.builder()
                .provider(settings.providerJar())
                .option("--db=postgres")
                .option("--db-url=" + db.jdbcUrl())
                .option("--db-username=" + db.user())
                // the drainer's and the gateway's long polls answer within this when idle
                .option("--spi-events-listener--switchboard--long-poll-max-wait-seconds=5")
                .option("--spi-events-listener--switchboard--signature-algorithm=" + settings.signatureAlgorithm());
        if (!settings.keycloakJavaHome().isEmpty()) {
            builder.env("JAVA_HOME", settings.keycloakJavaHome());
        }
        if (!db.password().isEmpty()) {
            builder.option("--db-password=" + db.password());
        }
        if (!settings.keycloakJvmExtra().isBlank()) {
            builder.env("JAVA_OPTS_APPEND", settings.keycloakJvmExtra());
        }
        return builder.start();
    }

    /**
     * (a) Rounds alternating over the plain realm, the hub (its outbox polled and acknowledged
     * meanwhile), the unpolled realm (capture only) and a second plain realm, so drift in the
     * machine's load hits all alike; the order rotates from round to round. The two plain realms
     * are set up alike, so their ratio says how far a run's rates move with no difference at all.
     *
     * <p>A hub round ends, untimed, once the drainer has been served all its rows: the tail of its
     * hand-over is charged to the hub's CPU account rather than to the realm measured next. (Their
     * acknowledgement rides on the drainer's next poll, which Keycloak settles at once.)
     */
    private void creationRate(UserCreations creations, KeycloakAdmin admin, KeycloakServer keycloak,
                              DatabaseUpkeep upkeep, ResultTable table) {
        List<String> realms = BenchRealms.ALL;
        try (OutboxDrainer drainer = new OutboxDrainer(admin, keycloak.realmUrl(BenchRealms.HUB))) {
            realms.forEach(realm -> creations.create(realm, "warm", settings.warmupUsers(), settings.clients()));
            long hubRows = settings.warmupUsers();
            awaitDrained(drainer, hubRows);
            Map<String, Double> seconds = new LinkedHashMap<>();
            Map<String, CpuTimes> cpu = new LinkedHashMap<>();
            Map<String, ThreadCpu> threads = new LinkedHashMap<>();
            // round 0 settles and is not counted: the first rounds after the warm-up and the first
            // VACUUM ran up to twice as long as the later ones, whichever realm they measured
            for (int round = 0; round <= settings.rounds(); round++) {
                upkeep.vacuumAnalyze();
                // each round starts with the next realm, so none of them always goes first
                List<String> order = new ArrayList<>(realms);
                Collections.rotate(order, -round);
                for (String realm : order) {
                    upkeep.checkpoint();
                    CpuTimes before = CpuTimes.sample(keycloak.pid());
                    ThreadCpu threadsBefore = ThreadCpu.sample(keycloak.pid());
                    String phase = round == 0 ? "settling round" : "round " + round;
                    progress("(a) %s, %s: start".formatted(phase, realm));
                    double roundSeconds = creations.create(realm, "rate-" + round, settings.usersPerRound(),
                            settings.clients()).seconds();
                    if (realm.equals(BenchRealms.HUB)) {
                        hubRows += settings.usersPerRound();
                        awaitDrained(drainer, hubRows);
                    }
                    CpuTimes used = CpuTimes.sample(keycloak.pid()).minus(before);
                    progress("(a) %s, %s: %.2f s, Keycloak CPU %d ms".formatted(phase, realm, roundSeconds,
                            used.process().toMillis()));
                    if (round > 0) {
                        seconds.merge(realm, roundSeconds, Double::sum);
                        cpu.merge(realm, used, CpuTimes::plus);
                        threads.merge(realm, ThreadCpu.sample(keycloak.pid()).minus(threadsBefore), ThreadCpu::plus);
                    }
                }
            }
            long total = (long) settings.rounds() * settings.usersPerRound();
            double offRate = total / seconds.get(BenchRealms.PLAIN);
            double onRate = total / seconds.get(BenchRealms.HUB);
            double captureRate = total / seconds.get(BenchRealms.UNPOLLED);
            double controlRate = total / seconds.get(BenchRealms.CONTROL);
            table.add("(a) creation rate, extension off (plain realm)", "%.1f users/s".formatted(offRate))
                    .add("(a) creation rate, extension on, outbox polled and acknowledged", "%.1f users/s".formatted(onRate))
                    .add("(a) creation rate, extension on, nobody polling (capture only)", "%.1f users/s".formatted(captureRate))
                    .add("(a) rate ratio on (polled) / off", "%.3f".formatted(onRate / offRate), ">= 0.9", onRate / offRate >= 0.9)
                    .add("(a) rate ratio capture only / off", "%.3f".formatted(captureRate / offRate))
                    .add("(a) rate ratio second plain realm / plain (same set-up: the run's own spread)",
                            "%.3f".formatted(controlRate / offRate))
                    .add("(a) hub rows served / polls answered", drainer.served() + " / " + drainer.polls());
            realms.forEach(realm -> table.add("(a) CPU per user during the %s rounds: Keycloak / PostgreSQL / harness".formatted(realm),
                    perUser(cpu.get(realm), total)));
            realms.forEach(realm -> table.add("(a) Keycloak CPU per user during the %s rounds, by thread kind".formatted(realm),
                    threads.get(realm).perUnit(cpu.get(realm).process(), total, 6)));
        }
        servingAlone(admin, keycloak, table, (long) (settings.rounds() + 1) * settings.usersPerRound() + settings.warmupUsers());
    }

    private static void awaitDrained(OutboxDrainer drainer, long rows) {
        Deadline.await("the drainer to be served %d hub rows".formatted(rows), Duration.ofSeconds(60),
                Duration.ofMillis(5), () -> drainer.served() >= rows);
    }

    /**
     * The unpolled realm's backlog, drained with nothing else running: the CPU Keycloak and
     * PostgreSQL spend per row served (signing, storing the token, deleting on ack), free of the
     * noise of concurrent creations and of the machine's load.
     */
    private void servingAlone(KeycloakAdmin admin, KeycloakServer keycloak, ResultTable table, long rows) {
        CpuTimes before = CpuTimes.sample(keycloak.pid());
        ThreadCpu threadsBefore = ThreadCpu.sample(keycloak.pid());
        progress("(a') serving the unpolled backlog: start");
        long started = System.nanoTime();
        double seconds;
        try (OutboxDrainer drainer = new OutboxDrainer(admin, keycloak.realmUrl(BenchRealms.UNPOLLED))) {
            Deadline.await("the drainer to be served every unpolled row", Duration.ofSeconds(120), Duration.ofMillis(5),
                    () -> drainer.served() >= rows);
            seconds = (System.nanoTime() - started) / 1e9;
        }
        // after close: the last answer's acknowledgement (its delete) is part of the cost
        CpuTimes used = CpuTimes.sample(keycloak.pid()).minus(before);
        ThreadCpu threadsUsed = ThreadCpu.sample(keycloak.pid()).minus(threadsBefore);
        progress("(a') serving the unpolled backlog: done");
        // the measured empty polls follow a warm-up of as many (the JIT compiles this path first)
        table.add("(a') serving a backlog of %d rows alone: time, rows/s".formatted(rows),
                        "%.2f s, %.0f rows/s".formatted(seconds, rows / seconds))
                .add("(a') serving alone, CPU per row: Keycloak / PostgreSQL / harness", perUser(used, rows))
                .add("(a') serving alone, Keycloak CPU per row by thread kind", threadsUsed.perUnit(used.process(), rows, 6));

        int polls = settings.emptyPolls();
        OutboxDrainer.emptyPolls(admin, keycloak.realmUrl(BenchRealms.UNPOLLED), polls); // warm-up: JIT of this path
        CpuTimes beforePolls = CpuTimes.sample(keycloak.pid());
        long pollsStarted = System.nanoTime();
        OutboxDrainer.emptyPolls(admin, keycloak.realmUrl(BenchRealms.UNPOLLED), polls);
        double pollSeconds = (System.nanoTime() - pollsStarted) / 1e9;
        table.add("(a') %d empty polls answered at once, one after the other: time per poll".formatted(polls),
                        "%.2f ms".formatted(pollSeconds * 1000 / polls))
                .add("(a') empty poll, CPU per poll: Keycloak / PostgreSQL / harness",
                        perUser(CpuTimes.sample(keycloak.pid()).minus(beforePolls), polls));
    }

    /** Latencies of (b) passes, each sorted: creations and logins, extension off and on. */
    private record LatencySamples(long[] createOff, long[] createOn, long[] loginOff, long[] loginOn) {
        static final LatencySamples EMPTY = new LatencySamples(new long[0], new long[0], new long[0], new long[0]);

        LatencySamples plus(LatencySamples more) {
            return new LatencySamples(merged(createOff, more.createOff), merged(createOn, more.createOn),
                    merged(loginOff, more.loginOff), merged(loginOn, more.loginOn));
        }

        private static long[] merged(long[] a, long[] b) {
            return java.util.stream.LongStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                    .sorted().toArray();
        }
    }

    /**
     * (b) Rounds of two passes while the gateway delivers every hub change to all targets: one with
     * the third app answering at once (the baseline), one with it holding every request 5 s. One
     * client at a time, so each latency is Keycloak's alone; plain-realm samples show the
     * extension's own cost on the same machine.
     */
    private void latencyBesideSlowApp(UserCreations creations, BrokeredLogins logins, FaultProxy slowApp,
                                      ResultTable table) {
        LatencySamples fast = LatencySamples.EMPTY;
        LatencySamples slow = LatencySamples.EMPTY;
        for (int round = 0; round < settings.rounds(); round++) {
            slowApp.setPlan(FaultPlan.none());
            fast = fast.plus(latencyPass("fast-" + round, creations, logins));
            slowApp.setPlan(FaultPlan.of(1, 1.0, Map.of(FaultKind.SLOW, 1.0)).withSlowDelay(SLOW_APP_DELAY));
            slow = slow.plus(latencyPass("slow-" + round, creations, logins));
        }
        compare(table, "(b) admin create", fast.createOff(), fast.createOn(), slow.createOn());
        compare(table, "(b) brokered OIDC login", fast.loginOff(), fast.loginOn(), slow.loginOn());
        table.add("(b) requests the third app held 5 s during the slow pass",
                String.valueOf(slowApp.stats().injected(FaultKind.SLOW)));
    }

    /**
     * Creations one at a time, then brokered logins: the first login of each IdP user into each
     * realm creates the brokered user (in the hub: REGISTER, an outbox row, delivered to every app);
     * the measured ones are the later logins, which re-run the IdP mappers (sync mode force) and
     * raise LOGIN events the extension compares against the last snapshot.
     */
    private LatencySamples latencyPass(String name, UserCreations creations, BrokeredLogins logins) {
        List<Created> createOff = creations.create(BenchRealms.PLAIN, name + "-off", settings.latencyUsersPerRound(), 1).users();
        List<Created> createOn = creations.create(BenchRealms.HUB, name + "-on", settings.latencyUsersPerRound(), 1).users();
        List<Long> loginOff = new ArrayList<>();
        List<Long> loginOn = new ArrayList<>();
        for (String username : logins.usernames()) {
            loginOff.add(logins.loginNanos(BenchRealms.PLAIN, username));
        }
        for (String username : logins.usernames()) {
            loginOn.add(logins.loginNanos(BenchRealms.HUB, username));
        }
        return new LatencySamples(sorted(createOff.stream().map(Created::nanos).toList()),
                sorted(createOn.stream().map(Created::nanos).toList()), sorted(loginOff), sorted(loginOn));
    }

    private static void compare(ResultTable table, String what, long[] off, long[] onFastApp, long[] onSlowApp) {
        double p50Ratio = percentile(onSlowApp, 50) / (double) percentile(onFastApp, 50);
        double meanRatio = mean(onSlowApp) / mean(onFastApp);
        table.add(what + " p50 / p99 / mean, extension off (%d)".formatted(off.length), summary(off))
                .add(what + " p50 / p99 / mean, on, apps answering at once", summary(onFastApp))
                .add(what + " p50 / p99 / mean, on, one app taking 5 s", summary(onSlowApp))
                .add(what + " p50: 5 s app / apps at once", "%.3f".formatted(p50Ratio), "<= 1.10", p50Ratio <= 1.10)
                .add(what + " mean: 5 s app / apps at once", "%.3f".formatted(meanRatio), "<= 1.10", meanRatio <= 1.10)
                .add(what + " p50: extension on / off (same machine)",
                        "%.3f".formatted(percentile(onFastApp, 50) / (double) percentile(off, 50)));
    }

    /** A timestamped line on stderr, so a profile or a per-thread CPU trace can be cut into phases. */
    private static void progress(String what) {
        System.err.printf("[keycloak-bench] %s %s%n", java.time.Instant.now(), what);
    }

    private static String perUser(CpuTimes cpu, long users) {
        return "%.2f / %.2f / %.2f ms".formatted(cpu.process().toNanos() / 1e6 / users,
                cpu.postgres().toNanos() / 1e6 / users, cpu.harness().toNanos() / 1e6 / users);
    }

    private static String summary(long[] sortedNanos) {
        return "%.1f / %.1f / %.1f ms".formatted(ms(percentile(sortedNanos, 50)), ms(percentile(sortedNanos, 99)),
                ms(mean(sortedNanos)));
    }

    /** (c) The burst, then the wait until both apps hold every one of its users. */
    private void burst(UserCreations creations, List<ScimSink> apps, ResultTable table) {
        Batch burst = creations.create(BenchRealms.HUB, "burst", settings.burstUsers(), settings.clients());
        Duration budget = Duration.ofNanos((long) (burst.seconds() * 1e9)).plusSeconds(10);
        long provisioned = Deadline.await("both apps to hold all burst users", budget.plusMinutes(5),
                Duration.ofMillis(20), () -> apps.stream().allMatch(app ->
                        burst.users().stream().allMatch(user -> app.lastWriteNanos(user.id()) != null)));
        double provisionedSeconds = (provisioned - burst.startNanos()) / 1e9;
        long[] latencies = apps.stream()
                .flatMap(app -> burst.users().stream().map(user -> app.lastWriteNanos(user.id()) - user.endNanos()))
                .mapToLong(Long::longValue).sorted().toArray();
        table.add("(c) burst: users created through the admin API", String.valueOf(burst.users().size()))
                .add("(c) Keycloak's own time to create them", "%.1f s (%.1f users/s)".formatted(burst.seconds(), burst.perSecond()))
                .add("(c) all in both apps after", "%.1f s".formatted(provisionedSeconds),
                        "<= %.1f s".formatted(budget.toMillis() / 1000.0), provisionedSeconds <= budget.toMillis() / 1000.0)
                .add("(c) commit (201 received) to app write p50 / p99 / max",
                        "%.0f / %.0f / %.0f ms".formatted(ms(percentile(latencies, 50)), ms(percentile(latencies, 99)),
                                ms(latencies[latencies.length - 1])));
    }

    private record Target(String id, String baseUrl) {
    }

    private GatewayProcess startGateway(Path workDir, TestDatabase db, KeycloakServer keycloak, List<Target> targets) {
        List<Map<String, Object>> specs = targets.stream().map(target -> Map.<String, Object>of(
                "id", target.id(), "displayName", target.id(), "baseUrl", target.baseUrl(), "profile", "generic",
                "auth", Map.of("type", "bearer", "token", "bench-token"),
                "scope", Map.of("realms", List.of(BenchRealms.HUB)),
                "deprovision", "delete", "provisionGroups", false,
                "concurrency", gatewaySettings.concurrencyPerTarget(),
                "rateLimit", Map.of("perSecond", gatewaySettings.ratePerSecond(), "burst", gatewaySettings.ratePerSecond())))
                .toList();
        try {
            Path targetsFile = workDir.resolve("targets.yaml");
            // JSON is YAML: the gateway's targets file reader takes it as is
            Files.writeString(targetsFile, new ObjectMapper().writeValueAsString(Map.of("targets", specs)));
            String realm = keycloak.realmUrl(BenchRealms.HUB).toString();
            Map<String, String> config = new LinkedHashMap<>(gatewaySettings.processConfig(BenchRealms.HUB));
            config.put("switchboard.sources.hub.issuer", realm);
            config.put("switchboard.sources.hub.poll-url", realm + "/switchboard/poll");
            config.put("switchboard.sources.hub.token-url", realm + "/protocol/openid-connect/token");
            config.put("switchboard.sources.hub.client-id", BenchRealms.POLLER_CLIENT);
            config.put("switchboard.sources.hub.client-secret", BenchRealms.POLLER_SECRET);
            config.put("switchboard.targets.file", targetsFile.toString());
            return GatewayProcess.start(workDir, db, config, gatewaySettings.jvmOptions());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the targets file", e);
        }
    }

    private static Path workDir() {
        try {
            return Files.createTempDirectory("sb-bench-keycloak-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory", e);
        }
    }

    private static long[] sorted(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double mean(long[] values) {
        double sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
