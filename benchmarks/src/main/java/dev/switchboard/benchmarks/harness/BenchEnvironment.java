package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.sink.ScimSink;
import dev.switchboard.gateway.testing.GatewayProcess;
import dev.switchboard.gateway.testing.TestTransmitter;
import dev.switchboard.testkit.postgres.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One benchmark run's world: a fresh PostgreSQL database, the stand-in transmitter, N in-memory SCIM
 * sinks declared as targets {@code sink-1 … sink-N} in a targets file, and the packaged PostgreSQL
 * gateway as its own process. Closing stops everything and drops the database.
 */
public final class BenchEnvironment implements AutoCloseable {

    public static final String SOURCE = "hub";
    /** Request threads per sink: more than any concurrency the gateway is given, so sinks never queue. */
    private static final int SINK_THREADS = 64;

    private final Path workDir;
    private final TestDatabase database;
    private final TestTransmitter transmitter;
    private final List<ScimSink> sinks;
    private final GatewayProcess gateway;
    private final OpsClient ops;

    private BenchEnvironment(Path workDir, TestDatabase database, TestTransmitter transmitter, List<ScimSink> sinks,
                             GatewayProcess gateway) {
        this.workDir = workDir;
        this.database = database;
        this.transmitter = transmitter;
        this.sinks = sinks;
        this.gateway = gateway;
        this.ops = new OpsClient(gateway.baseUrl());
    }

    /**
     * Starts everything; with {@code paused} the targets are paused before any event exists, so
     * deliveries pile up as pending work.
     */
    public static BenchEnvironment start(String name, int targets, boolean paused, GatewaySettings settings) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Path workDir = Files.createTempDirectory("sb-bench-" + name + "-");
            TestDatabase database = TestDatabase.create("sb_bench_" + name);
            started.add(database);
            TestTransmitter transmitter = TestTransmitter.start(SOURCE, Duration.ofSeconds(10));
            started.add(transmitter);
            List<ScimSink> sinks = new ArrayList<>();
            for (int i = 0; i < targets; i++) {
                ScimSink sink = ScimSink.start(SINK_THREADS);
                started.add(sink);
                sinks.add(sink);
            }
            Path targetsFile = workDir.resolve("targets.yaml");
            Files.writeString(targetsFile, targetsYaml(sinks, settings));
            Map<String, String> config = new java.util.LinkedHashMap<>(transmitter.sourceConfig(SOURCE, true));
            config.putAll(settings.processConfig(SOURCE));
            config.put("switchboard.targets.file", targetsFile.toString());
            GatewayProcess gateway = GatewayProcess.start(workDir, database, config, settings.jvmOptions());
            started.add(gateway);
            BenchEnvironment environment = new BenchEnvironment(workDir, database, transmitter, sinks, gateway);
            if (paused) {
                environment.targetIds().forEach(environment.ops::pause);
            }
            return environment;
        } catch (IOException | RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                closeQuietly(started.get(i), e);
            }
            throw e instanceof IOException io ? new UncheckedIOException("benchmark setup failed", io)
                    : (RuntimeException) e;
        }
    }

    public TestTransmitter transmitter() {
        return transmitter;
    }

    public List<ScimSink> sinks() {
        return sinks;
    }

    /** The gateway's database, for reading what it recorded (never for changing it). */
    public TestDatabase database() {
        return database;
    }

    public OpsClient ops() {
        return ops;
    }

    public long gatewayPid() {
        return gateway.pid();
    }

    public Path workDir() {
        return workDir;
    }

    public List<String> targetIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= sinks.size(); i++) {
            ids.add("sink-" + i);
        }
        return ids;
    }

    /** Writes all sinks have received so far. */
    public long writes() {
        return sinks.stream().mapToLong(ScimSink::writes).sum();
    }

    @Override
    public void close() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(gateway);
        parts.addAll(sinks);
        parts.add(transmitter);
        parts.add(database);
        for (AutoCloseable part : parts) {
            closeQuietly(part, null);
        }
    }

    private static String targetsYaml(List<ScimSink> sinks, GatewaySettings settings) {
        if (sinks.isEmpty()) {
            return "targets: []\n";
        }
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 0; i < sinks.size(); i++) {
            yaml.append("""
                      - id: sink-%d
                        displayName: Benchmark sink %d
                        baseUrl: %s
                        profile: generic
                        auth: { type: bearer, token: "bench-token" }
                        scope: { realms: [%s] }
                        deprovision: delete
                        provisionGroups: false
                        concurrency: %d
                        rateLimit: { perSecond: %d, burst: %d }
                    """.formatted(i + 1, i + 1, sinks.get(i).baseUrl(), SOURCE, settings.concurrencyPerTarget(),
                    settings.ratePerSecond(), settings.ratePerSecond()));
        }
        return yaml.toString();
    }

    /** Closing is best effort; a failure to close one part must not hide the others or the original error. */
    private static void closeQuietly(AutoCloseable part, Exception cause) {
        try {
            part.close();
        } catch (Exception e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                System.err.println("event=close_failed part=" + part.getClass().getSimpleName() + " error=\"" + e + "\"");
            }
        }
    }

    /** The targets' ids joined, for the printed report. */
    public String targetList() {
        return targetIds().stream().collect(Collectors.joining(", "));
    }
}
