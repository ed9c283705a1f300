package dev.switchboard.gateway.testing;

import dev.switchboard.testkit.process.LoopbackPorts;
import dev.switchboard.testkit.process.ManagedProcess;
import dev.switchboard.testkit.postgres.TestDatabase;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged PostgreSQL build of the gateway ({@code target/postgresql/quarkus-run.jar}) run as
 * its own process, the way operators run it, so tests can kill it with SIGKILL and start it again
 * on the same database. Used by the end-to-end tests and by the benchmark harness (through the
 * gateway's test jar).
 */
public final class GatewayProcess implements AutoCloseable {

    /** 32 bytes, base64: a fixed key is fine for a test database that is dropped afterwards. */
    public static final String TEST_SECRET_KEY = "ZTJlLXRlc3Qta2V5LTMyLWJ5dGVzLWxvbmctLS0tLSE=";

    /** The heap the tests give the gateway; benchmarks may state their own. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");

    private final Path workDir;
    private final Map<String, String> config;
    private final List<String> jvmOptions;
    private final int port;
    private ManagedProcess process;
    private int starts;

    private GatewayProcess(Path workDir, Map<String, String> config, List<String> jvmOptions, int port) {
        this.workDir = workDir;
        this.config = config;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = port;
    }

    /** Starts the gateway on {@code database} with {@code config} on top of test defaults. */
    public static GatewayProcess start(Path workDir, TestDatabase database, Map<String, String> config) {
        return start(workDir, database, config, DEFAULT_JVM_OPTIONS);
    }

    /** As {@link #start(Path, TestDatabase, Map)}, with the JVM options (heap, GC) given instead of the test defaults. */
    public static GatewayProcess start(Path workDir, TestDatabase database, Map<String, String> config,
                                       List<String> jvmOptions) {
        int port = LoopbackPorts.free();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.port", String.valueOf(port));
        all.put("quarkus.http.host", "127.0.0.1");
        // the PostgreSQL build signs admins in through OIDC by default; these runs script the API on loopback
        all.put("switchboard.admin.auth", "none");
        all.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        all.put("quarkus.datasource.username", database.user());
        all.put("quarkus.datasource.password", database.password());
        all.put("switchboard.secrets.key", TEST_SECRET_KEY);
        all.put("quarkus.log.file.enabled", "false");
        all.putAll(config);
        GatewayProcess gateway = new GatewayProcess(workDir, all, jvmOptions, port);
        gateway.start();
        return gateway;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts (again) on the same port and database. */
    public void start() {
        Path runner = runner();
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", runner.toString()));
        starts++;
        process = ManagedProcess.builder("gateway", command)
                .workingDirectory(workDir)
                .logFile(workDir.resolve("gateway-" + starts + ".log"))
                .start();
        process.awaitHttp(baseUrl().resolve("/q/health/live"), Duration.ofSeconds(90));
    }

    /** SIGKILL: no shutdown hooks, no graceful drain, leases left behind. */
    public void kill() {
        process.kill();
    }

    public long pid() {
        return process.pid();
    }

    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }

    private static Path runner() {
        String configured = System.getProperty("gateway.runner");
        Path runner = configured != null ? Path.of(configured) : Path.of("target/postgresql/quarkus-run.jar");
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("gateway build not found at " + runner.toAbsolutePath()
                    + ": run the tests through 'mvn verify' so the package phase builds it first");
        }
        return runner.toAbsolutePath();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
