package dev.switchboard.testkit.scimmy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import dev.switchboard.testkit.process.LoopbackPorts;
import dev.switchboard.testkit.process.ManagedProcess;
import dev.switchboard.testkit.process.ProcessStartException;

/**
 * A running SCIMMY server: an independent SCIM 2.0 implementation (npm {@code scimmy} with
 * {@code scimmy-routers} on express) with an in-memory store, so our SCIM client is tested against
 * a protocol implementation we did not write. Quirks are in {@code testkit/SCIMMY-NOTES.md}.
 *
 * <p>{@code npm ci} runs once per lockfile: the installed {@code node_modules} is cached under
 * {@code ~/.cache/switchboard/scimmy/<sha256 of package-lock.json>} and linked into each instance's
 * scratch directory.
 */
public final class ScimmyServer implements AutoCloseable {

    private static final String RESOURCE_DIR = "/scimmy/";
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "server.js");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private final ManagedProcess process;
    private final Path dir;
    private final URI baseUrl;
    private final String token;

    private ScimmyServer(ManagedProcess process, Path dir, URI baseUrl, String token) {
        this.process = process;
        this.dir = dir;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Starts a server with no added latency. */
    public static ScimmyServer start() {
        return start(Duration.ZERO);
    }

    /**
     * Starts a server that delays every SCIM request by {@code latencyPerRequest}, to model a slow
     * app in benchmarks.
     */
    public static ScimmyServer start(Duration latencyPerRequest) {
        return start(LoopbackPorts.free(), newToken(), latencyPerRequest);
    }

    /**
     * Starts a server on a given port of 127.0.0.1 that accepts the bearer token {@code token}, for
     * a demo whose URLs and credentials are printed before it runs.
     */
    public static ScimmyServer start(int port, String token, Duration latencyPerRequest) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(latencyPerRequest, "latencyPerRequest");
        try {
            Path dir = Files.createTempDirectory("switchboard-scimmy-");
            for (String file : FILES) {
                copyResource(file, dir.resolve(file));
            }
            Path modules = installedModules(dir);
            Files.createSymbolicLink(dir.resolve("node_modules"), modules);
            ManagedProcess process = ManagedProcess.builder("scimmy", List.of("node", "server.js"))
                    .workingDirectory(dir)
                    .env("SCIMMY_PORT", Integer.toString(port))
                    .env("SCIMMY_TOKEN", token)
                    .env("SCIMMY_LATENCY_MS", Long.toString(latencyPerRequest.toMillis()))
                    .start();
            URI base = URI.create("http://127.0.0.1:%d/scim/v2".formatted(port));
            try {
                process.awaitHttp(URI.create(base + "/ServiceProviderConfig"), START_TIMEOUT);
            } catch (RuntimeException e) {
                process.kill();
                throw e;
            }
            return new ScimmyServer(process, dir, base, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare SCIMMY scratch directory", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/scim/v2}, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The bearer token this server accepts; anything else gets 401. */
    public String token() {
        return token;
    }

    /**
     * {@code GET <stats>} answers {@code {"requests":n,"users":n,"groups":n}} and
     * {@code POST <reset>} empties the store; both need the bearer token. Not part of SCIM.
     */
    public URI statsUrl() {
        return baseUrl.resolve("/_testkit/stats");
    }

    public URI resetUrl() {
        return baseUrl.resolve("/_testkit/reset");
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** SIGKILL, for tests of an app that disappears mid-request. */
    public void kill() {
        process.kill();
    }

    /** Stops the server and removes its scratch directory (the shared module cache stays). */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
        try {
            Files.deleteIfExists(dir.resolve("node_modules"));
            for (String file : FILES) {
                Files.deleteIfExists(dir.resolve(file));
            }
            Files.deleteIfExists(process.logFile());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean SCIMMY scratch directory " + dir, e);
        }
    }

    private static Path installedModules(Path dir) throws IOException {
        String hash = sha256(Files.readAllBytes(dir.resolve("package-lock.json")));
        Path cached = Path.of(System.getProperty("user.home"), ".cache", "switchboard", "scimmy", hash);
        Path modules = cached.resolve("node_modules");
        if (Files.isDirectory(modules)) {
            return modules;
        }
        Path staging = Files.createTempDirectory("switchboard-scimmy-npm-");
        Files.copy(dir.resolve("package.json"), staging.resolve("package.json"));
        Files.copy(dir.resolve("package-lock.json"), staging.resolve("package-lock.json"));
        ManagedProcess npm = ManagedProcess.builder("npm-ci", List.of("npm", "ci", "--no-audit", "--no-fund", "--omit=dev"))
                .workingDirectory(staging)
                .start();
        int exit = npm.awaitExit(NPM_TIMEOUT);
        if (exit != 0) {
            throw new ProcessStartException("npm ci failed with code %d; log:%n%s".formatted(exit, npm.logTail()));
        }
        Files.createDirectories(cached);
        try {
            Files.move(staging.resolve("node_modules"), modules, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            // another JVM finished the same install first; its copy is identical by lockfile hash
            return modules;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cache %s must be on the same file system as %s".formatted(cached, staging), e);
        }
        return modules;
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = ScimmyServer.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("resource %s%s missing from the test kit".formatted(RESOURCE_DIR, name));
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
