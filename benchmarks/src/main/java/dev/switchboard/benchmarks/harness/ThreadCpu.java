package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time used by a process's threads, summed per thread kind: the thread's name (from
 * {@code /proc/<pid>/task/<tid>/stat}, Linux) with its number dropped, so {@code executor-thread-7}
 * counts as {@code executor-thread-} and {@code GC Thread#1} as {@code GC Thread#}. When a whole
 * process costs more in one phase than another, this says whether requests, the garbage collector
 * or the JIT compiler paid for it.
 *
 * <p>A sample keeps each live thread's total; a difference of two samples is taken thread by thread,
 * so a thread that ended in between neither takes its earlier CPU time away from its kind nor gives
 * its CPU time since the first sample to any kind. The caller sees that time as the process's CPU
 * minus {@link #total()}.
 *
 * @param byThread for a sample: each live thread's kind and CPU time so far; for a difference: the
 *                 CPU time each thread used in between
 */
public record ThreadCpu(Map<Long, Used> byThread) {

    /** One thread's kind and CPU time. */
    public record Used(String kind, Duration cpu) {
    }

    public static ThreadCpu sample(long pid) {
        Map<Long, Used> byThread = new HashMap<>();
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks, "[0-9]*")) {
            for (Path thread : threads) {
                Path stat = thread.resolve("stat");
                String line = CpuTimes.readIfPresent(stat);
                if (line != null) {
                    byThread.put(Long.parseLong(thread.getFileName().toString()),
                            new Used(kind(CpuTimes.command(line)), CpuTimes.ticksOf(line, stat)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tasks, e);
        }
        return new ThreadCpu(Map.copyOf(byThread));
    }

    /** The name without its trailing number, the part that tells one pooled thread from another. */
    static String kind(String threadName) {
        return threadName.replaceAll("[0-9]+$", "");
    }

    /** What each thread alive at this sample used since {@code earlier} (all of it if it started since). */
    public ThreadCpu minus(ThreadCpu earlier) {
        Map<Long, Used> difference = new HashMap<>();
        byThread.forEach((tid, now) -> {
            Used before = earlier.byThread.get(tid);
            Duration used = before == null ? now.cpu() : now.cpu().minus(before.cpu());
            if (!used.isNegative() && !used.isZero()) {
                difference.put(tid, new Used(now.kind(), used));
            }
        });
        return new ThreadCpu(Map.copyOf(difference));
    }

    /** Differences of separate phases, added; thread ids stay apart, kinds are summed by {@link #byKind}. */
    public ThreadCpu plus(ThreadCpu other) {
        Map<Long, Used> sum = new HashMap<>(byThread);
        other.byThread.forEach((tid, used) -> sum.merge(tid, used,
                (a, b) -> new Used(b.kind(), a.cpu().plus(b.cpu()))));
        return new ThreadCpu(Map.copyOf(sum));
    }

    public Map<String, Duration> byKind() {
        Map<String, Duration> byKind = new TreeMap<>();
        byThread.values().forEach(used -> byKind.merge(used.kind(), used.cpu(), Duration::plus));
        return byKind;
    }

    public Duration total() {
        return byThread.values().stream().map(Used::cpu).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The {@code top} kinds by CPU, each as milliseconds per unit of work (e.g. per created user),
     * then the CPU of threads that ended during the phase: {@code process} minus what live threads used.
     */
    public String perUnit(Duration process, long units, int top) {
        String kinds = byKind().entrySet().stream()
                .sorted(Map.Entry.<String, Duration>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .map(entry -> "%s %.2f".formatted(entry.getKey().strip(), entry.getValue().toNanos() / 1e6 / units))
                .collect(Collectors.joining(", "));
        return "%s, ended threads %.2f ms".formatted(kinds, process.minus(total()).toNanos() / 1e6 / units);
    }
}
