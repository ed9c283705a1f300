package dev.switchboard.benchmarks.fanout;

import dev.switchboard.benchmarks.harness.BenchEnvironment;
import dev.switchboard.benchmarks.harness.DatabaseActivity;
import dev.switchboard.benchmarks.harness.Deadline;
import dev.switchboard.benchmarks.harness.GatewaySettings;
import dev.switchboard.benchmarks.harness.ResultTable;
import dev.switchboard.benchmarks.harness.UserEvents;
import dev.switchboard.benchmarks.harness.WriteWindow;
import dev.switchboard.benchmarks.sink.ScimSink;
import dev.switchboard.gateway.testing.TestTransmitter.SignedSet;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out throughput: N user-create events to three targets (three in-memory sinks), measured two
 * ways, then the same requests from a bare {@code java.net.http} client for comparison.
 * <ul>
 *   <li><b>end to end</b>: targets live, events made available at once; writes/s from availability
 *       to the last write, intake and delivery overlapping as in production after an outage;</li>
 *   <li><b>drain</b>: targets paused until all events are stored and every delivery is pending, then
 *       resumed; writes/s from resume to the last write, which is delivery alone.</li>
 * </ul>
 */
public final class FanOutBenchmark {

    private static final int TARGETS = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    /** PostgreSQL publishes its activity counters about once a second. */
    private static final Duration STATS_FLUSH = Duration.ofMillis(1500);
    private static final Measured SKIPPED = new Measured(0, new WriteWindow(0, 0, 0), Double.NaN);

    private final int events;
    private final int warmupEvents;
    private final GatewaySettings settings;
    private final Set<String> phases;
    private String drainDbCost = "n/a";

    /** {@code phases}: any of {@code e2e}, {@code drain}, {@code bare}; skipped ones print as NaN. */
    /**
     * @param warmupEvents events pushed through the same processes before each measured phase and not
     *                     counted: a gateway in service has long finished compiling its hot paths, while a
     *                     fresh JVM spends a third of its CPU in the JIT compiler during the first seconds
     */
    public FanOutBenchmark(int events, int warmupEvents, GatewaySettings settings, Set<String> phases) {
        if (warmupEvents < 0) {
            throw new IllegalArgumentException("warm-up events must not be negative: " + warmupEvents);
        }
        this.events = events;
        this.warmupEvents = warmupEvents;
        this.settings = settings;
        this.phases = Set.copyOf(phases);
    }

    public ResultTable run() {
        List<String> ids = UserEvents.ids("fan", events);
        List<String> warmupIds = UserEvents.ids("warm", warmupEvents);
        long expectedWrites = (long) events * TARGETS;

        Measured endToEnd = phases.contains("e2e") ? endToEnd(warmupIds, ids, expectedWrites) : SKIPPED;
        Measured drain = phases.contains("drain") ? drain(warmupIds, ids, expectedWrites) : SKIPPED;
        BareClientRun.Result bare = phases.contains("bare")
                ? new BareClientRun(warmupIds, ids, TARGETS, settings.concurrencyPerTarget()).run()
                : new BareClientRun.Result(new WriteWindow(0, 0, 0), Double.NaN);

        double ratioEndToEnd = endToEnd.perSecond() / bare.window().perSecond();
        double ratioDrain = drain.perSecond() / bare.window().perSecond();
        return new ResultTable("Fan-out: %,d user creates x %d targets = %,d SCIM writes".formatted(events, TARGETS, expectedWrites))
                .add("warm-up before each phase (same processes, not counted)", warmupEvents == 0
                        ? "none (cold JVMs)" : "%,d events x %d targets".formatted(warmupEvents, TARGETS))
                .add("gateway end to end: available -> last write", "%.1f s".formatted(endToEnd.seconds()))
                .add("gateway end to end: writes/s", "%.0f".formatted(endToEnd.perSecond()))
                .add("gateway end to end: first -> last write", "%.1f s (%.0f writes/s)".formatted(
                        endToEnd.window().seconds(), endToEnd.window().perSecond()))
                .add("gateway drain (all pending, then resume): resume -> last write", "%.1f s".formatted(drain.seconds()))
                .add("gateway drain: writes/s", "%.0f".formatted(drain.perSecond()))
                .add("gateway drain: PostgreSQL work per delivery", drainDbCost)
                .add("gateway drain: intake of the events (stored+acked)", "%.1f s (%.0f events/s)".formatted(
                        drain.intakeSeconds(), events / drain.intakeSeconds()))
                .add("bare java.net.http client, %d threads in total: first -> last write".formatted(TARGETS * settings.concurrencyPerTarget()),
                        "%.1f s".formatted(bare.window().seconds()))
                .add("bare client: writes/s", "%.0f".formatted(bare.window().perSecond()))
                .add("bare client: wall time incl. thread start", "%.1f s".formatted(bare.wallSeconds()))
                .add("ratio gateway end to end / bare", "%.2f".formatted(ratioEndToEnd), ">= 0.5 (hope 0.8)", ratioEndToEnd >= 0.5)
                .add("ratio gateway drain / bare", "%.2f".formatted(ratioDrain), ">= 0.5 (hope 0.8)", ratioDrain >= 0.5)
                .addAll(settings.describe());
    }

    /** Gateway figures of one run; {@code startNanos} is when the measured phase began. */
    private record Measured(long startNanos, WriteWindow window, double intakeSeconds) {
        double seconds() {
            return Deadline.seconds(window.lastNanos() - startNanos);
        }

        double perSecond() {
            return window.writes() / seconds();
        }
    }

    private Measured endToEnd(List<String> warmupIds, List<String> ids, long expectedWrites) {
        try (BenchEnvironment env = BenchEnvironment.start("fanout", TARGETS, false, settings)) {
            long warmupWrites = warmUp(env, warmupIds);
            List<SignedSet> sets = UserEvents.created(env.transmitter(), ids);
            long available = System.nanoTime();
            env.transmitter().enqueue(sets.toArray(SignedSet[]::new));
            Deadline.await("%d writes".formatted(expectedWrites), RUN_TIMEOUT, Duration.ofMillis(5),
                    () -> env.writes() >= warmupWrites + expectedWrites);
            checkComplete(env.sinks(), warmupIds.size() + ids.size());
            return new Measured(available, WriteWindow.of(env.sinks(), ids), Double.NaN);
        }
    }

    /** Delivers the warm-up events with the targets live; returns the writes they made. */
    private static long warmUp(BenchEnvironment env, List<String> warmupIds) {
        if (warmupIds.isEmpty()) {
            return 0;
        }
        long writes = (long) warmupIds.size() * TARGETS;
        env.transmitter().enqueue(UserEvents.created(env.transmitter(), warmupIds).toArray(SignedSet[]::new));
        Deadline.await("%d warm-up writes".formatted(writes), RUN_TIMEOUT, Duration.ofMillis(20),
                () -> env.writes() >= writes);
        Deadline.await("warm-up backlog 0", Duration.ofMinutes(1), Duration.ofMillis(50), () -> env.ops().backlog() == 0);
        return writes;
    }

    private Measured drain(List<String> warmupIds, List<String> ids, long expectedWrites) {
        try (BenchEnvironment env = BenchEnvironment.start("drain", TARGETS, true, settings)) {
            long warmupWrites = 0;
            if (!warmupIds.isEmpty()) {
                env.targetIds().forEach(env.ops()::resume);
                warmupWrites = warmUp(env, warmupIds);
                env.targetIds().forEach(env.ops()::pause);
            }
            long writesBefore = warmupWrites;
            List<SignedSet> sets = UserEvents.created(env.transmitter(), ids);
            long available = System.nanoTime();
            env.transmitter().enqueue(sets.toArray(SignedSet[]::new));
            long stored = Deadline.await("transmitter queue empty", RUN_TIMEOUT, Duration.ofMillis(5),
                    () -> env.transmitter().queued() == 0);
            Deadline.await("backlog of %d".formatted(expectedWrites), RUN_TIMEOUT, Duration.ofMillis(200),
                    () -> env.ops().backlog() == expectedWrites);
            LockSupport.parkNanos(STATS_FLUSH.toNanos());
            DatabaseActivity before = DatabaseActivity.of(env.database());
            long resumed = System.nanoTime();
            env.targetIds().forEach(env.ops()::resume);
            Deadline.await("%d writes".formatted(expectedWrites), RUN_TIMEOUT, Duration.ofMillis(5),
                    () -> env.writes() >= writesBefore + expectedWrites);
            WriteWindow window = WriteWindow.of(env.sinks(), ids);
            checkComplete(env.sinks(), warmupIds.size() + ids.size());
            Deadline.await("backlog 0", Duration.ofMinutes(1), Duration.ofMillis(100), () -> env.ops().backlog() == 0);
            LockSupport.parkNanos(STATS_FLUSH.toNanos());
            drainDbCost = DatabaseActivity.of(env.database()).perUnitSince(before, expectedWrites);
            return new Measured(resumed, window, Deadline.seconds(stored - available));
        }
    }

    /** Exactly one account per event at every sink, or the figures mean nothing. */
    static void checkComplete(List<ScimSink> sinks, int users) {
        for (ScimSink sink : sinks) {
            if (sink.userCount() != users || sink.writes() != users) {
                throw new IllegalStateException("sink %s has %d users after %d writes, expected %d of each"
                        .formatted(sink.baseUrl(), sink.userCount(), sink.writes(), users));
            }
        }
    }
}
