package dev.switchboard.benchmarks.latency;

import dev.switchboard.benchmarks.harness.BenchEnvironment;
import dev.switchboard.benchmarks.harness.Deadline;
import dev.switchboard.benchmarks.harness.GatewaySettings;
import dev.switchboard.benchmarks.harness.ResultTable;
import dev.switchboard.benchmarks.harness.UserEvents;
import dev.switchboard.benchmarks.sink.ScimSink;
import dev.switchboard.gateway.testing.TestTransmitter.SignedSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency at a steady rate: each pre-signed SET is handed to the transmitter at its scheduled time
 * (the moment a Keycloak transaction would commit its outbox row), and latency is the sink's
 * receive time of the resulting SCIM write minus that moment, both {@link System#nanoTime()} in this
 * JVM. A warm-up at the same rate comes first and is not counted (the gateway's JIT is cold after
 * start, which an operator sees once, not at steady state).
 */
public final class LatencyBenchmark {

    private static final int TARGETS = 3;

    private final int ratePerSecond;
    private final Duration duration;
    private final Duration warmUp;
    private final GatewaySettings settings;

    public LatencyBenchmark(int ratePerSecond, Duration duration, Duration warmUp, GatewaySettings settings) {
        this.ratePerSecond = ratePerSecond;
        this.duration = duration;
        this.warmUp = warmUp;
        this.settings = settings;
    }

    public ResultTable run() {
        int warmUpEvents = (int) (ratePerSecond * warmUp.toMillis() / 1000);
        int measuredEvents = (int) (ratePerSecond * duration.toMillis() / 1000);
        List<String> warmUpIds = UserEvents.ids("warm", warmUpEvents);
        List<String> ids = UserEvents.ids("lat", measuredEvents);
        try (BenchEnvironment env = BenchEnvironment.start("latency", TARGETS, false, settings)) {
            List<SignedSet> warmUpSets = UserEvents.created(env.transmitter(), warmUpIds);
            List<SignedSet> sets = UserEvents.created(env.transmitter(), ids);
            paced(env, warmUpSets);
            Deadline.await("warm-up delivered", Duration.ofMinutes(5), Duration.ofMillis(10),
                    () -> env.writes() >= (long) warmUpEvents * TARGETS);

            StageBreakdown stages = new StageBreakdown();
            long start = System.nanoTime();
            long[] available = paced(env, sets);
            double sendSeconds = Deadline.seconds(System.nanoTime() - start);
            long expected = (long) (warmUpEvents + measuredEvents) * TARGETS;
            Deadline.await("all writes", Duration.ofMinutes(5), Duration.ofMillis(10), () -> env.writes() >= expected);

            long[] latencies = latencies(env.sinks(), ids, available);
            Arrays.sort(latencies);
            double p50 = millis(percentile(latencies, 50));
            double p95 = millis(percentile(latencies, 95));
            double p99 = millis(percentile(latencies, 99));
            double max = millis(latencies[latencies.length - 1]);
            ResultTable table = new ResultTable("Latency: %d events/s for %d s (%,d events x %d targets = %,d writes; %d s warm-up not counted)"
                    .formatted(ratePerSecond, duration.toSeconds(), measuredEvents, TARGETS, latencies.length, warmUp.toSeconds()))
                    .add("achieved rate", "%.1f events/s".formatted(measuredEvents / sendSeconds))
                    .add("p50", "%.1f ms".formatted(p50), "< 100 ms", p50 < 100)
                    .add("p95", "%.1f ms".formatted(p95))
                    .add("p99", "%.1f ms".formatted(p99), "< 300 ms", p99 < 300)
                    .add("max", "%.1f ms".formatted(max))
                    .add("min", "%.1f ms".formatted(millis(latencies[0])));
            stages.addTo(table, env.database(), env.sinks(), env.targetIds(), ids, available);
            return table.addAll(settings.describe());
        }
    }

    /** Hands each SET over at {@code start + i / rate}; returns the nanoTime each became available. */
    private long[] paced(BenchEnvironment env, List<SignedSet> sets) {
        long interval = 1_000_000_000L / ratePerSecond;
        long[] available = new long[sets.size()];
        long start = System.nanoTime();
        for (int i = 0; i < sets.size(); i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            available[i] = System.nanoTime();
            env.transmitter().enqueue(sets.get(i));
        }
        return available;
    }

    private static long[] latencies(List<ScimSink> sinks, List<String> ids, long[] available) {
        List<Long> all = new ArrayList<>();
        for (ScimSink sink : sinks) {
            for (int i = 0; i < ids.size(); i++) {
                Long written = sink.lastWriteNanos(ids.get(i));
                if (written == null) {
                    throw new IllegalStateException("no write for " + ids.get(i) + " at " + sink.baseUrl());
                }
                all.add(written - available[i]);
            }
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
