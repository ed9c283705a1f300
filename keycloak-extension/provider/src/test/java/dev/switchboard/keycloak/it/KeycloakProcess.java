package dev.switchboard.keycloak.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak 26.7.3 from the dist zip, with the built provider jar in {@code providers/},
 * started in dev mode on a free loopback port and stopped by its process handle.
 */
final class KeycloakProcess implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-secret";

    private final Process process;
    private final Path scratch;
    private final Path home;
    private final int port;

    private KeycloakProcess(Process process, Path scratch, Path home, int port) {
        this.process = process;
        this.scratch = scratch;
        this.home = home;
        this.port = port;
    }

    static KeycloakProcess start(List<String> extraArgs) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("switchboard.keycloak.dist.zip"));
        Path jar = Path.of(System.getProperty("switchboard.provider.jar"));
        Path scratch = Files.createTempDirectory("switchboard-kc-it");
        unzip(dist, scratch);
        Path home;
        try (var entries = Files.list(scratch)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        int port = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--http-management-port=" + freePort()));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("keycloak.log").toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        KeycloakProcess keycloak = new KeycloakProcess(builder.start(), scratch, home, port);
        keycloak.awaitReady(Duration.ofMinutes(8));
        return keycloak;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return home.resolve("keycloak.log");
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log: " + log());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // expected until Quarkus has bound the port; the deadline bounds the wait
            }
            process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        close();
        throw new IllegalStateException("Keycloak not ready within " + timeout + "; log: " + log());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String keptLog = System.getProperty("switchboard.keycloak.log");
        if (keptLog != null && Files.exists(log())) {
            try {
                Files.copy(log(), Path.of(keptLog), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("could not keep the Keycloak log", e);
            }
        }
        if (!Boolean.getBoolean("switchboard.keep.keycloak")) {
            deleteTree(scratch);
        }
    }

    /** The unzipped dist is ~200 MB; keep it only when asked (-Dswitchboard.keep.keycloak=true). */
    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + root, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new UncheckedIOException(new IOException("zip entry outside target: " + entry.getName()));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
