package dev.switchboard.gateway.e2e;

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
 * on the same database.
 */
final class GatewayProcess implements AutoCloseable {

    /** 32 bytes, base64: a fixed key is fine for a test database that is dropped afterwards. */
    static final String TEST_SECRET_KEY = "ZTJlLXRlc3Qta2V5LTMyLWJ5dGVzLWxvbmctLS0tLSE=";

    private final Path workDir;
    private final Map<String, String> config;
    private final int port;
    private ManagedProcess process;
    private int starts;

    private GatewayProcess(Path workDir, Map<String, String> config, int port) {
        this.workDir = workDir;
        this.config = config;
        this.port = port;
    }

    /** Starts the gateway on {@code database} with {@code config} on top of test defaults. */
    static GatewayProcess start(Path workDir, TestDatabase database, Map<String, String> config) {
        int port = LoopbackPorts.free();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.port", String.valueOf(port));
        all.put("quarkus.http.host", "127.0.0.1");
        all.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        all.put("quarkus.datasource.username", database.user());
        all.put("quarkus.datasource.password", database.password());
        all.put("switchboard.secrets.key", TEST_SECRET_KEY);
        all.put("quarkus.log.file.enabled", "false");
        all.putAll(config);
        GatewayProcess gateway = new GatewayProcess(workDir, all, port);
        gateway.start();
        return gateway;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts (again) on the same port and database. */
    void start() {
        Path runner = runner();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
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
    void kill() {
        process.kill();
    }

    long pid() {
        return process.pid();
    }

    String logTail() {
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
