package dev.switchboard.testkit.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * An external process a test depends on (Keycloak, node, a gateway), with its output in a log
 * file and a way to stop it and everything it spawned.
 *
 * <p>Descendants matter: {@code kc.sh} is a shell script that forks a JVM, so signalling only
 * the direct child would leave the server running and holding its port.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 60;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Describes a process before it is started. */
    public static Builder builder(String name, List<String> command) {
        return new Builder(name, command);
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Blocks until {@code url} answers with any HTTP status below 500 (a 401 or 404 still proves
     * the server is listening and routing). Fails with the log tail if the process exits first or
     * the deadline passes.
     */
    public void awaitHttp(URI url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String lastProblem = "no attempt made";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new ProcessStartException("%s (pid %d) exited with code %d before %s answered; log %s:%n%s"
                        .formatted(name, pid(), process.exitValue(), url, logFile, logTail()));
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 500) {
                    return;
                }
                lastProblem = "status " + status;
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessStartException("interrupted while waiting for " + url, e);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
        throw new ProcessStartException("%s (pid %d) did not answer %s within %s (last: %s); log %s:%n%s"
                .formatted(name, pid(), url, timeout, lastProblem, logFile, logTail()));
    }

    /**
     * Waits for a short-lived process (an installer, a CLI call) to finish and returns its exit
     * code; kills it and fails with the log tail if it runs past {@code timeout}.
     */
    public int awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new ProcessStartException("interrupted while waiting for " + name, e);
        }
        kill();
        throw new ProcessStartException("%s (pid %d) still running after %s; log %s:%n%s"
                .formatted(name, pid(), timeout, logFile, logTail()));
    }

    /**
     * SIGTERM to the process and all its descendants, waits up to {@code grace} for them to exit,
     * then SIGKILLs whatever is left. Safe to call twice.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> all = treeOf(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle handle : all) {
            waitFor(handle, Duration.between(Instant.now(), deadline));
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        all.forEach(handle -> waitFor(handle, Duration.ofSeconds(10)));
        reap();
    }

    /** {@link #stop(Duration)} with a 30 second grace period. */
    public void stop() {
        stop(Duration.ofSeconds(30));
    }

    /**
     * SIGKILL to the process tree with no grace: simulates a crash (no shutdown hooks, no
     * flushing), for tests of what survives one.
     */
    public void kill() {
        List<ProcessHandle> all = treeOf(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(handle -> waitFor(handle, Duration.ofSeconds(10)));
        reap();
    }

    /**
     * Waits on the {@link Process} object itself. Its {@code isAlive()} is updated by its own
     * reaper thread, which can lag behind {@link ProcessHandle#onExit()}; without this, a caller
     * could see a killed process as still alive.
     */
    private void reap() {
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new ProcessStartException("%s (pid %d) still alive 10 s after it was killed".formatted(name, pid()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessStartException("interrupted while reaping " + name, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the log, for failure messages. */
    public String logTail() {
        return tail(logFile, LOG_TAIL_LINES);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Children first are collected before the parent is signalled, since a dead parent orphans them. */
    private static List<ProcessHandle> treeOf(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        return all;
    }

    /** Waits until the process is gone or the timeout passes; the caller checks which. */
    private static void waitFor(ProcessHandle handle, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (handle.isAlive() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** What to start, where, with which environment. */
    public static final class Builder {
        private final String name;
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory = Path.of(".");
        private Path logFile;

        private Builder(String name, List<String> command) {
            this.name = Objects.requireNonNull(name, "name");
            if (command.isEmpty()) {
                throw new IllegalArgumentException("command must not be empty");
            }
            this.command = List.copyOf(command);
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        public Builder env(Map<String, String> values) {
            values.forEach(this::env);
            return this;
        }

        /** Defaults to {@code <workingDirectory>/<name>.log}. Appended to, so restarts keep history. */
        public Builder logFile(Path file) {
            this.logFile = Objects.requireNonNull(file, "file");
            return this;
        }

        public ManagedProcess start() {
            Path log = logFile != null ? logFile : workingDirectory.resolve(name + ".log");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            pb.environment().putAll(environment);
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
                return new ManagedProcess(name, pb.start(), log);
            } catch (IOException e) {
                throw new ProcessStartException("cannot start %s: %s".formatted(name, command), e);
            }
        }

        private static java.io.File nullDevice() {
            return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
        }
    }
}
