package dev.switchboard.systemtests;

import dev.switchboard.testkit.postgres.TestDatabase;
import dev.switchboard.testkit.process.LoopbackPorts;
import dev.switchboard.testkit.process.ManagedProcess;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the packaged PostgreSQL gateway as an operator would, so a scenario can stop it while changes
 * pile up in Keycloak's outbox and start it again on the same database and port.
 */
final class GatewayLauncher implements AutoCloseable {

    /** Base64 of 32 bytes; fixed because the database is thrown away after the run. */
    private static final String SECRET_KEY = "c3lzdGVtLXRlc3RzLWtleS0zMi1ieXRlcy0tLS0tLSE=";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path workDir;
    private final Map<String, String> config;
    private final int port;
    private ManagedProcess process;
    private int starts;

    private GatewayLauncher(Path workDir, Map<String, String> config, int port) {
        this.workDir = workDir;
        this.config = config;
        this.port = port;
    }

    static GatewayLauncher start(Path workDir, TestDatabase database, Map<String, String> config) {
        int port = LoopbackPorts.free();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.host", "127.0.0.1");
        // the PostgreSQL build signs admins in through OIDC by default; these runs script the API on loopback
        all.put("switchboard.admin.auth", "none");
        all.put("quarkus.http.port", String.valueOf(port));
        all.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        all.put("quarkus.datasource.username", database.user());
        all.put("quarkus.datasource.password", database.password());
        all.put("quarkus.log.file.enabled", "false");
        all.put("switchboard.secrets.key", SECRET_KEY);
        all.putAll(config);
        GatewayLauncher gateway = new GatewayLauncher(workDir, all, port);
        gateway.start();
        return gateway;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts (again) with the same configuration, port and database. */
    void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", runner().toString()));
        starts++;
        process = ManagedProcess.builder("gateway", command)
                .workingDirectory(workDir)
                .logFile(workDir.resolve("gateway-" + starts + ".log"))
                .start();
        process.awaitHttp(baseUrl().resolve("/q/health/live"), START_TIMEOUT);
    }

    /** Graceful stop (SIGTERM, then the process's shutdown). */
    void stop() {
        process.stop();
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
        Path runner = Path.of(System.getProperty("gateway.runner", "../gateway/target/postgresql/quarkus-run.jar"));
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("no gateway build at " + runner.toAbsolutePath()
                    + ": run through 'mvn verify' so the gateway module is packaged first");
        }
        return runner.toAbsolutePath();
    }
}
