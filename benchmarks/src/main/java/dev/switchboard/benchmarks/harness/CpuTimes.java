package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used so far (user + system, from {@code /proc/<pid>/stat}, Linux) by one process, by all
 * PostgreSQL server processes, and by this JVM. A benchmark on a machine whose cores every part
 * shares reads its rates with these next to them: they say which process paid for a difference.
 *
 * @param process  the watched process (e.g. Keycloak)
 * @param postgres every process named {@code postgres} (server and backends, whoever they serve)
 * @param harness  this JVM
 */
public record CpuTimes(Duration process, Duration postgres, Duration harness) {

    /** Kernel clock ticks per second; {@code USER_HZ} is 100 on every Linux architecture Java runs on. */
    private static final long TICKS_PER_SECOND = 100;

    public static CpuTimes sample(long pid) {
        return new CpuTimes(ticks(Path.of("/proc", String.valueOf(pid), "stat")), allPostgres(),
                ticks(Path.of("/proc/self/stat")));
    }

    public CpuTimes minus(CpuTimes earlier) {
        return new CpuTimes(process.minus(earlier.process), postgres.minus(earlier.postgres),
                harness.minus(earlier.harness));
    }

    public CpuTimes plus(CpuTimes other) {
        return new CpuTimes(process.plus(other.process), postgres.plus(other.postgres), harness.plus(other.harness));
    }

    public static final CpuTimes ZERO = new CpuTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private static Duration allPostgres() {
        Duration total = Duration.ZERO;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                Path stat = process.resolve("stat");
                String line = readIfPresent(stat);
                if (line != null && command(line).equals("postgres")) {
                    total = total.plus(ticksOf(line, stat));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return total;
    }

    private static Duration ticks(Path stat) {
        String line = readIfPresent(stat);
        if (line == null) {
            throw new IllegalStateException(stat + " is gone: the process ended");
        }
        return ticksOf(line, stat);
    }

    /** Fields 14 and 15 (utime, stime), counted after the command's closing parenthesis. */
    static Duration ticksOf(String line, Path stat) {
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        if (fields.length < 13) {
            throw new IllegalStateException("unexpected " + stat + ": " + line);
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    static String command(String line) {
        return line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
    }

    /** A process may end between listing and reading: that is not an error, it used no more CPU. */
    static String readIfPresent(Path stat) {
        try {
            return Files.readString(stat);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (!Files.exists(stat)) {
                return null;
            }
            throw new UncheckedIOException("cannot read " + stat, e);
        }
    }
}
