package dev.switchboard.benchmarks.memory;

import dev.switchboard.benchmarks.harness.BenchEnvironment;
import dev.switchboard.benchmarks.harness.Deadline;
import dev.switchboard.benchmarks.harness.GatewaySettings;
import dev.switchboard.benchmarks.harness.ProcessMemory;
import dev.switchboard.benchmarks.harness.ResultTable;
import dev.switchboard.benchmarks.harness.UserEvents;
import dev.switchboard.gateway.testing.TestTransmitter.SignedSet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Memory with a large backlog: targets paused, enough events stored that the pending deliveries
 * reach the wanted count (one per event and target), then the gateway's resident set size is read
 * from {@code /proc}. Pending work lives in PostgreSQL, so RSS should not grow with the backlog.
 */
public final class MemoryBenchmark {

    private static final int TARGETS = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final int pendingWanted;
    private final GatewaySettings settings;

    public MemoryBenchmark(int pendingWanted, GatewaySettings settings) {
        this.pendingWanted = pendingWanted;
        this.settings = settings;
    }

    public ResultTable run() {
        int events = (pendingWanted + TARGETS - 1) / TARGETS;
        long expectedBacklog = (long) events * TARGETS;
        try (BenchEnvironment env = BenchEnvironment.start("memory", TARGETS, true, settings)) {
            List<SignedSet> sets = UserEvents.created(env.transmitter(), UserEvents.ids("mem", events));
            ProcessMemory idle = ProcessMemory.of(env.gatewayPid());
            long queued = System.nanoTime();
            env.transmitter().enqueue(sets.toArray(SignedSet[]::new));
            long acknowledged = Deadline.await("all SETs acknowledged", RUN_TIMEOUT, Duration.ofMillis(5),
                    () -> env.transmitter().queued() == 0);
            Deadline.await("backlog of %d".formatted(expectedBacklog), Duration.ofMinutes(2), Duration.ofMillis(500),
                    () -> env.ops().backlog() == expectedBacklog);
            ProcessMemory stored = ProcessMemory.of(env.gatewayPid());
            LockSupport.parkNanos(SETTLE.toNanos());
            ProcessMemory settled = ProcessMemory.of(env.gatewayPid());
            long backlogAfter = env.ops().backlog();
            double intakeSeconds = Deadline.seconds(acknowledged - queued);
            double worst = Math.max(stored.rssMiB(), settled.rssMiB());
            return new ResultTable("Memory: %,d pending deliveries (%,d events x %d paused targets)"
                    .formatted(expectedBacklog, events, TARGETS))
                    .add("backlog reported by ops API", String.valueOf(backlogAfter))
                    .add("VmRSS idle after start (before events)", "%.0f MiB".formatted(idle.rssMiB()))
                    .add("VmRSS right after all stored", "%.0f MiB".formatted(stored.rssMiB()), "< 512 MB", stored.rssMiB() * 1.048576 < 512)
                    .add("VmRSS %d s later".formatted(SETTLE.toSeconds()), "%.0f MiB".formatted(settled.rssMiB()), "< 512 MB", settled.rssMiB() * 1.048576 < 512)
                    .add("VmHWM (peak RSS, incl. intake)", "%.0f MiB".formatted(settled.peakMiB()))
                    .add("intake of these events", "%.1f s (%.0f events/s)".formatted(intakeSeconds, events / intakeSeconds))
                    .add("worst RSS in MB (10^6 bytes)", "%.0f MB".formatted(worst * 1.048576))
                    .addAll(settings.describe());
        }
    }
}
