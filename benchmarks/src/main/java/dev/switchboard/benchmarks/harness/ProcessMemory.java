package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from {@code /proc/<pid>/status} (Linux): what the operating system
 * actually gives the process, heap, metaspace, thread stacks, code cache and direct buffers together.
 *
 * @param rssKiB  {@code VmRSS}: resident now
 * @param peakKiB {@code VmHWM}: the highest resident size so far
 */
public record ProcessMemory(long rssKiB, long peakKiB) {

    public static ProcessMemory of(long pid) {
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
            if (rss < 0 || peak < 0) {
                throw new IllegalStateException("no VmRSS/VmHWM in /proc/" + pid + "/status");
            }
            return new ProcessMemory(rss, peak);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
    }

    public double rssMiB() {
        return rssKiB / 1024.0;
    }

    public double peakMiB() {
        return peakKiB / 1024.0;
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
