package dev.switchboard.quickstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The launcher's console as a user would see it: every line kept (and copied to a log file), and a
 * way to wait until a line appears without polling on a timer.
 */
final class LauncherOutput {

    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    /** Starts a daemon thread that reads {@code stream} to its end. */
    static LauncherOutput follow(InputStream stream, Path copy) {
        LauncherOutput output = new LauncherOutput();
        Thread reader = new Thread(() -> output.read(stream, copy), "launcher-output");
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private void read(InputStream stream, Path copy) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.write(line + System.lineSeparator());
                log.flush();
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the launcher's output failed", e);
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** The first line matching {@code wanted}; fails with the whole output if the launcher ends or time runs out first. */
    synchronized String awaitLine(Predicate<String> wanted, String description, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (String line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (ended || left.isNegative() || left.isZero()) {
                throw new AssertionError("%s: no line %s in the launcher's output:%n%s"
                        .formatted(ended ? "launcher ended" : "timed out after " + timeout, description, text()));
            }
            wait(left.toMillis());
        }
    }

    synchronized String text() {
        return String.join(System.lineSeparator(), lines);
    }
}
