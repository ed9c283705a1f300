package dev.switchboard.quickstart;

import dev.switchboard.testkit.keycloak.KeycloakServer;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import dev.switchboard.testkit.topology.Federation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Everything one quickstart run starts, in order (SCIMMY, Keycloak with the extension and its
 * realms, the gateway), and stops again in reverse order.
 *
 * <p>Each run starts from a clean demo: Keycloak's database, the gateway's H2 database and the logs
 * are removed first, because a fresh Keycloak outbox restarts its sequence and a gateway that
 * remembered the old one would ignore the new events. What is slow to make again stays: the
 * Keycloak server copy with its build ({@code <data-dir>/keycloak}), the npm and Maven caches.
 */
final class DemoStack implements AutoCloseable {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";
    /** SCIMMY's bearer token: a fixed demo value, printed in the ready message; loopback only. */
    static final String SCIMMY_TOKEN = "quickstart-scimmy-token";
    private static final Duration KEYCLOAK_START_TIMEOUT = Duration.ofMinutes(10);

    private final QuickstartOptions options;
    private final Progress progress;
    /** What is running, newest first; a shutdown hook may drain it while {@link #start} still runs. */
    private final Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();
    private ScimmyServer scimmy;
    private KeycloakServer keycloak;
    private Federation federation;
    private EmbeddedGateway gateway;

    DemoStack(QuickstartOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    void start(List<RealmSetup> setups) {
        Path data = options.dataDir();
        Path extension = BuiltArtifacts.extensionJar(options.root());
        Path runner = BuiltArtifacts.gatewayRunner(options.root());
        Path logs = data.resolve("logs");
        Path gatewayDir = data.resolve("gateway");
        Path keycloakDir = data.resolve("keycloak");
        clean(logs, gatewayDir, keycloakDir.resolve("data"));

        scimmy = progress.during("SCIMMY", "starting SCIMMY on port %d (first run: npm ci)".formatted(options.port(DemoPort.SCIMMY)),
                () -> ScimmyServer.start(options.port(DemoPort.SCIMMY), SCIMMY_TOKEN, Duration.ZERO));
        running.push(scimmy);

        keycloak = progress.during("Keycloak", ("starting Keycloak 26.7.3 with the Switchboard extension on port %d"
                        + " (first run: unpacks and builds the server, 1 to 4 minutes; later runs are faster)").formatted(options.port(DemoPort.KEYCLOAK)),
                () -> KeycloakServer.builder()
                        .directory(keycloakDir)
                        .httpPort(options.port(DemoPort.KEYCLOAK))
                        .managementPort(options.port(DemoPort.KEYCLOAK_MANAGEMENT))
                        .bootstrapAdmin(ADMIN_USER, ADMIN_PASSWORD)
                        .startTimeout(KEYCLOAK_START_TIMEOUT)
                        .provider(extension)
                        .option(Federation.LISTENER_OPTION)
                        .start());
        running.push(keycloak);

        federation = progress.during("Keycloak's admin API", "creating realms hub, idp-saml, idp-oidc, app-a, app-b and the demo users", () -> {
            var admin = keycloak.admin();
            Federation created = Federation.create(admin, scimmy.baseUrl(), SCIMMY_TOKEN);
            setups.forEach(setup -> setup.create(admin, created));
            return created;
        });

        Path targets = gatewayDir.resolve("targets.yaml");
        write(targets, federation.targetsYaml());
        gateway = progress.during("the gateway", "starting the gateway (embedded H2) on port %d".formatted(options.port(DemoPort.GATEWAY)),
                () -> EmbeddedGateway.start(runner, gatewayDir, options.port(DemoPort.GATEWAY),
                        federation.gatewayConfig(targets), logs.resolve("gateway.log")));
        running.push(gateway);
    }

    /** The part that has stopped on its own (crashed, or killed from outside), if any. */
    Optional<String> exitedPart() {
        if (keycloak != null && !keycloak.isRunning()) {
            return Optional.of("Keycloak (log " + keycloak.logFile() + ")");
        }
        if (gateway != null && !gateway.process().isAlive()) {
            return Optional.of("the gateway (log " + gateway.process().logFile() + ")");
        }
        return Optional.empty();
    }

    ScimmyServer scimmy() {
        return scimmy;
    }

    KeycloakServer keycloak() {
        return keycloak;
    }

    Federation federation() {
        return federation;
    }

    EmbeddedGateway gateway() {
        return gateway;
    }

    /**
     * Stops what runs, newest first, then whatever this JVM still has as a child: a part whose start
     * was under way when the stop came is not yet in the list, but its process is already running.
     */
    @Override
    public void close() {
        for (AutoCloseable part = running.poll(); part != null; part = running.poll()) {
            try {
                part.close();
            } catch (Exception e) {
                progress.say("stopping %s failed: %s".formatted(part.getClass().getSimpleName(), e.getMessage()));
            }
        }
        List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
        left.forEach(ProcessHandle::destroy);
        left.forEach(DemoStack::awaitOrKill);
    }

    private static void awaitOrKill(ProcessHandle handle) {
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> handle).join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + handle.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        }
    }

    private static void clean(Path... dirs) {
        for (Path dir : dirs) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear " + dir + " for a fresh demo", e);
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
