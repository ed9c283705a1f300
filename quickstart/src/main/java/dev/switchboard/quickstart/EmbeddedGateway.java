package dev.switchboard.quickstart;

import dev.switchboard.testkit.process.ManagedProcess;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway as its README runs it: the embedded default build ({@code gateway/target/quarkus-app},
 * H2 under {@code ./data} of its working directory), its settings given as system properties.
 */
final class EmbeddedGateway implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final ManagedProcess process;
    private final URI baseUrl;

    private EmbeddedGateway(ManagedProcess process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static EmbeddedGateway start(Path runner, Path workDir, int port, Map<String, String> config, Path logFile) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", runner.toString()));
        ManagedProcess process = ManagedProcess.builder("gateway", command)
                .workingDirectory(workDir)
                .logFile(logFile)
                .start();
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            process.awaitHttp(base.resolve("/q/health/live"), START_TIMEOUT);
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
        return new EmbeddedGateway(process, base);
    }

    URI baseUrl() {
        return baseUrl;
    }

    ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
