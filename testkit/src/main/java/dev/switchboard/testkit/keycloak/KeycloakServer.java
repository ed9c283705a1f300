package dev.switchboard.testkit.keycloak;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.switchboard.testkit.process.LoopbackPorts;
import dev.switchboard.testkit.process.ManagedProcess;

/**
 * A real Keycloak ({@code kc.sh start-dev}, H2 in its own data dir, {@code scim-api} feature on)
 * on loopback, with its own copy of the distribution so instances never share state.
 *
 * <p>A start takes about a minute on this machine, so test classes that can share one use
 * {@link #shared()}. {@link #restart()} keeps ports and the data dir: rows written before the
 * restart (outbox, users, realms) are still there after it.
 */
public final class KeycloakServer implements AutoCloseable {

    /** System property: provider jars for {@link #shared()}, separated by the path separator. */
    public static final String SHARED_PROVIDERS_PROPERTY = "switchboard.keycloak.providers";
    /** System property: extra {@code kc.sh} options for {@link #shared()}, separated by spaces. */
    public static final String SHARED_OPTIONS_PROPERTY = "switchboard.keycloak.options";

    /** System property: default start bound, ISO-8601 ({@code PT10M}); the build machine is often loaded. */
    public static final String START_TIMEOUT_PROPERTY = "switchboard.keycloak.start-timeout";
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** Written into a {@link Builder#directory(Path)} once the distribution is completely copied there. */
    private static final String INSTALLED_MARKER = ".switchboard-installed";
    private static KeycloakServer shared;

    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final String adminUsername;
    private final String adminPassword;
    private final List<String> options;
    private final Map<String, String> environment;
    private final Duration startTimeout;
    private final boolean ownsDirectory;
    private ManagedProcess process;

    private KeycloakServer(Builder builder, Path home) {
        this.home = home;
        this.httpPort = builder.httpPort != 0 ? builder.httpPort : LoopbackPorts.free();
        this.managementPort = builder.managementPort != 0 ? builder.managementPort : LoopbackPorts.free();
        this.adminUsername = builder.adminUsername;
        this.adminPassword = builder.adminPassword != null ? builder.adminPassword : randomPassword();
        this.ownsDirectory = builder.directory == null;
        this.options = List.copyOf(builder.options);
        this.environment = Map.copyOf(builder.environment);
        this.startTimeout = builder.startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One instance per JVM, started on first use and stopped by a shutdown hook. Provider jars and
     * extra options come from {@value #SHARED_PROVIDERS_PROPERTY} and {@value #SHARED_OPTIONS_PROPERTY}
     * so a module's surefire configuration decides what the shared server runs.
     */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            Builder builder = builder();
            String providers = System.getProperty(SHARED_PROVIDERS_PROPERTY, "");
            Arrays.stream(providers.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).forEach(builder::provider);
            String options = System.getProperty(SHARED_OPTIONS_PROPERTY, "");
            Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isBlank()).forEach(builder::option);
            KeycloakServer server = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndDelete, "keycloak-shared-stop"));
            shared = server;
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** {@code http://127.0.0.1:<management port>}: health, and {@code /metrics} when started with {@code --metrics-enabled=true}. */
    public URI managementUrl() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    public URI realmUrl(String realm) {
        return URI.create(baseUrl() + "/realms/" + realm);
    }

    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** A new admin client logged in to the master realm as the bootstrap admin. */
    public KeycloakAdmin admin() {
        return KeycloakAdmin.connect(baseUrl(), adminUsername, adminPassword);
    }

    /** The server's own directory (distribution copy, {@code data/}, {@code providers/}, log). */
    public Path home() {
        return home;
    }

    public Path logFile() {
        return home.resolve("keycloak.log");
    }

    public long pid() {
        return running().pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Graceful stop: SIGTERM, so Keycloak finishes in-flight work and closes H2 cleanly. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    /** SIGKILL: a crash, for tests of what survives one. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /** Stops (if running) and starts again on the same ports with the same data dir. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Starts again after {@link #kill()} or {@link #stop()}, same ports and data. */
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("Keycloak already running, pid " + process.pid());
        }
        launch();
    }

    /**
     * Stops the server and deletes its directory (about 200 MB); the shared instance is left to its
     * hook, and a directory given to {@link Builder#directory(Path)} stays for the next start.
     */
    @Override
    public void close() {
        if (this == shared) {
            return;
        }
        if (ownsDirectory) {
            stopAndDelete();
        } else {
            stop();
        }
    }

    private synchronized void stopAndDelete() {
        stop();
        Path instanceDir = home.getParent();
        try {
            KeycloakDistribution.deleteTree(instanceDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Keycloak directory " + instanceDir, e);
        }
    }

    private synchronized ManagedProcess running() {
        if (process == null) {
            throw new IllegalStateException("Keycloak is not running");
        }
        return process;
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--features=scim-api"));
        command.addAll(options);
        ManagedProcess started = ManagedProcess.builder("keycloak", command)
                .workingDirectory(home)
                .logFile(logFile())
                .env("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername)
                .env("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
                .env(environment)
                .start();
        try {
            started.awaitHttp(URI.create("http://127.0.0.1:%d/health/ready".formatted(managementPort)), startTimeout);
            started.awaitHttp(realmUrl("master"), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            started.kill();
            throw e;
        }
        process = started;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Which providers and options an instance gets; each {@link #start()} makes a new instance. */
    public static final class Builder {
        private final List<Path> providers = new ArrayList<>();
        private final List<String> options = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration startTimeout = Duration.parse(System.getProperty(START_TIMEOUT_PROPERTY, DEFAULT_START_TIMEOUT.toString()));
        private int httpPort;
        private int managementPort;
        private String adminUsername = "admin";
        private String adminPassword;
        private Path directory;

        private Builder() {
        }

        /** How long a start may take until Keycloak is ready (each start and restart). */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive: " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /** The HTTP port on 127.0.0.1; a free one when not set. */
        public Builder httpPort(int port) {
            this.httpPort = validPort(port);
            return this;
        }

        /** The management port (health, metrics) on 127.0.0.1; a free one when not set. */
        public Builder managementPort(int port) {
            this.managementPort = validPort(port);
            return this;
        }

        /** The master realm's bootstrap admin; by default {@code admin} with a random password. */
        public Builder bootstrapAdmin(String username, String password) {
            this.adminUsername = Objects.requireNonNull(username, "username");
            this.adminPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The server's home, kept after {@link KeycloakServer#close()} so that a later start reuses
         * its build ({@code lib/quarkus}) and data; filled from the distribution when it holds no
         * server yet. By default each instance gets a temporary directory, deleted on close.
         */
        public Builder directory(Path home) {
            this.directory = Objects.requireNonNull(home, "home");
            return this;
        }

        private static int validPort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
            return port;
        }

        /** A provider jar, copied into {@code providers/} before the first start. */
        public Builder provider(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("provider jar not found: " + jar);
            }
            providers.add(jar);
            return this;
        }

        /** An extra {@code kc.sh} option, e.g. {@code --spi-events-listener-...=...}. */
        public Builder option(String option) {
            options.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** An extra environment variable for the server process (e.g. {@code KC_LOG_LEVEL}). */
        public Builder env(String key, String value) {
            environment.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        public KeycloakServer start() {
            try {
                boolean plain = providers.isEmpty() && options.isEmpty() && environment.isEmpty();
                Path home;
                if (directory == null) {
                    home = KeycloakDistribution.installInto(Files.createTempDirectory("switchboard-keycloak-").resolve("keycloak"), plain);
                } else if (Files.isRegularFile(directory.resolve(INSTALLED_MARKER))) {
                    home = directory;
                } else {
                    // a copy interrupted half-way has no marker and is copied over again
                    home = KeycloakDistribution.installInto(directory, plain);
                    Files.writeString(directory.resolve(INSTALLED_MARKER), "Keycloak %s%n".formatted(KeycloakDistribution.VERSION));
                }
                for (Path jar : providers) {
                    // modification time kept: Keycloak rebuilds only when a provider jar looks changed
                    Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
                KeycloakServer server = new KeycloakServer(this, home);
                server.launch();
                if (plain) {
                    KeycloakDistribution.rememberAugmentation(home);
                }
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a Keycloak directory", e);
            }
        }
    }
}
