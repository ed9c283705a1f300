package dev.switchboard.benchmarks.intake;

import dev.switchboard.benchmarks.harness.BenchEnvironment;
import dev.switchboard.benchmarks.harness.DatabaseActivity;
import dev.switchboard.benchmarks.harness.Deadline;
import dev.switchboard.benchmarks.harness.GatewaySettings;
import dev.switchboard.benchmarks.harness.ResultTable;
import dev.switchboard.benchmarks.harness.UserEvents;
import dev.switchboard.gateway.testing.TestTransmitter.SignedSet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Intake: N pre-signed SETs queued at the transmitter at once; the gateway polls, verifies each
 * signature, stores events, subject state and (with paused targets) one pending delivery per target
 * in its transaction, and acknowledges on the next poll. The figure is N divided by the time from
 * queueing to the transmitter's queue being empty (every SET acknowledged).
 */
public final class IntakeBenchmark {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    private final int events;
    private final int warmupEvents;
    private final int pausedTargets;
    private final GatewaySettings settings;

    /**
     * @param pausedTargets 0 means no targets at all: intake without any delivery bookkeeping
     * @param warmupEvents  SETs taken in by the same gateway first and not counted (a gateway in service
     *                      is past its JIT warm-up); 0 measures a cold JVM
     */
    public IntakeBenchmark(int events, int warmupEvents, int pausedTargets, GatewaySettings settings) {
        if (warmupEvents < 0) {
            throw new IllegalArgumentException("warm-up events must not be negative: " + warmupEvents);
        }
        this.events = events;
        this.warmupEvents = warmupEvents;
        this.pausedTargets = pausedTargets;
        this.settings = settings;
    }

    public ResultTable run() {
        try (BenchEnvironment env = BenchEnvironment.start("intake", pausedTargets, true, settings)) {
            if (warmupEvents > 0) {
                env.transmitter().enqueue(UserEvents.created(env.transmitter(), UserEvents.ids("warm-in", warmupEvents))
                        .toArray(SignedSet[]::new));
                Deadline.await("warm-up SETs acknowledged", RUN_TIMEOUT, Duration.ofMillis(20),
                        () -> env.transmitter().queued() == 0);
            }
            int acksBefore = env.transmitter().acks().size();
            List<SignedSet> sets = UserEvents.created(env.transmitter(), UserEvents.ids("in", events));
            DatabaseActivity before = DatabaseActivity.of(env.database());
            long queued = System.nanoTime();
            env.transmitter().enqueue(sets.toArray(SignedSet[]::new));
            long acknowledged = Deadline.await("all SETs acknowledged", RUN_TIMEOUT, Duration.ofMillis(2),
                    () -> env.transmitter().queued() == 0);
            double seconds = Deadline.seconds(acknowledged - queued);
            int acks = env.transmitter().acks().size() - acksBefore;
            int refused = env.transmitter().setErrs().size();
            long expectedBacklog = (long) (warmupEvents + events) * pausedTargets;
            Deadline.await("backlog of %d".formatted(expectedBacklog), Duration.ofMinutes(1), Duration.ofMillis(200),
                    () -> env.ops().backlog() == expectedBacklog);
            if (acks != events || refused != 0) {
                throw new IllegalStateException("acks=%d set_errs=%d, expected %d acks and none refused"
                        .formatted(acks, refused, events));
            }
            LockSupport.parkNanos(Duration.ofMillis(1500).toNanos());
            String dbCost = DatabaseActivity.of(env.database()).perUnitSince(before, events);
            double rate = events / seconds;
            return new ResultTable("Intake: %,d pre-signed SETs (RS256), %s".formatted(events,
                    pausedTargets == 0 ? "no targets" : pausedTargets + " paused targets (" + env.targetList() + ")"))
                    .add("warm-up before the measured SETs (same gateway, not counted)",
                            warmupEvents == 0 ? "none (cold JVM)" : "%,d SETs".formatted(warmupEvents))
                    .add("queued -> all acknowledged", "%.2f s".formatted(seconds))
                    .add("SETs acknowledged / refused", acks + " / " + refused)
                    .add("pending deliveries afterwards (warm-up included)", String.valueOf(expectedBacklog))
                    .add("PostgreSQL work per event", dbCost)
                    .add("intake rate", "%.0f events/s".formatted(rate), ">= 3,000 events/s", rate >= 3000)
                    .addAll(settings.describe());
        }
    }
}
