package dev.switchboard.testkit.proxy;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Which fraction of requests gets a fault, and in which mix. Decisions come from a
 * {@link Random} seeded with {@code seed}, so the same plan applied to the same sequence of
 * requests injects the same faults: a failing run can be replayed, and {@link #decisions(int)}
 * tells a test exactly what to expect.
 *
 * @param seed              seeds the decision sequence
 * @param rate              fraction of requests that get a fault, 0..1
 * @param mix               relative weight of each kind among faulted requests (need not sum to 1)
 * @param retryAfterSeconds value of {@code Retry-After} on injected 429s
 * @param slowDelay         how long {@link FaultKind#SLOW} holds a request back
 */
public record FaultPlan(long seed, double rate, Map<FaultKind, Double> mix, int retryAfterSeconds, Duration slowDelay) {

    public FaultPlan {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be within 0..1, was " + rate);
        }
        EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        mix.forEach((kind, weight) -> {
            if (weight < 0 || Double.isNaN(weight)) {
                throw new IllegalArgumentException("weight of %s must be >= 0, was %s".formatted(kind, weight));
            }
            if (weight > 0) {
                copy.put(kind, weight);
            }
        });
        if (rate > 0 && copy.isEmpty()) {
            throw new IllegalArgumentException("a positive rate needs at least one fault kind with weight > 0");
        }
        mix = Collections.unmodifiableMap(copy);
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
        }
        Objects.requireNonNull(slowDelay, "slowDelay");
        if (slowDelay.isNegative()) {
            throw new IllegalArgumentException("slowDelay must be >= 0");
        }
    }

    /** Forwards everything. */
    public static FaultPlan none() {
        return new FaultPlan(0, 0, Map.of(), 1, Duration.ZERO);
    }

    /**
     * A plan that faults nothing yet: add kinds with {@link #with}, then set {@link #withRate}.
     * Defaults: {@code Retry-After: 1}, slow delay 500 ms.
     */
    public static FaultPlan seeded(long seed) {
        return new FaultPlan(seed, 0, Map.of(), 1, Duration.ofMillis(500));
    }

    /** {@code rate} of requests faulted, spread over {@code mix} by weight. */
    public static FaultPlan of(long seed, double rate, Map<FaultKind, Double> mix) {
        return new FaultPlan(seed, rate, mix, 1, Duration.ofMillis(500));
    }

    /** This plan with {@code kind} at relative {@code weight}. */
    public FaultPlan with(FaultKind kind, double weight) {
        EnumMap<FaultKind, Double> next = new EnumMap<>(FaultKind.class);
        next.putAll(mix);
        next.put(kind, weight);
        return new FaultPlan(seed, rate, next, retryAfterSeconds, slowDelay);
    }

    public FaultPlan withRate(double newRate) {
        return new FaultPlan(seed, newRate, mix, retryAfterSeconds, slowDelay);
    }

    public FaultPlan withRetryAfterSeconds(int seconds) {
        return new FaultPlan(seed, rate, mix, seconds, slowDelay);
    }

    public FaultPlan withSlowDelay(Duration delay) {
        return new FaultPlan(seed, rate, mix, retryAfterSeconds, delay);
    }

    /** The first {@code count} decisions this plan makes, for tests that predict counts. */
    public List<Fault> decisions(int count) {
        Decider decider = decider();
        return IntStream.range(0, count).mapToObj(i -> decider.next()).toList();
    }

    Decider decider() {
        return new Decider(this);
    }

    /** The stateful decision sequence of one plan; not thread-safe, the proxy serialises calls. */
    static final class Decider {
        private final FaultPlan plan;
        private final Random random;
        private final double totalWeight;

        private Decider(FaultPlan plan) {
            this.plan = plan;
            this.random = new Random(plan.seed());
            this.totalWeight = plan.mix().values().stream().mapToDouble(Double::doubleValue).sum();
        }

        Fault next() {
            double draw = random.nextDouble();
            double pick = random.nextDouble() * totalWeight;
            if (draw >= plan.rate()) {
                return new Fault.Forward();
            }
            FaultKind chosen = null;
            for (Map.Entry<FaultKind, Double> entry : plan.mix().entrySet()) {
                chosen = entry.getKey();
                pick -= entry.getValue();
                if (pick < 0) {
                    break;
                }
            }
            return switch (Objects.requireNonNull(chosen)) {
                case ERROR_500 -> new Fault.Respond(FaultKind.ERROR_500, 500, 0);
                case ERROR_502 -> new Fault.Respond(FaultKind.ERROR_502, 502, 0);
                case ERROR_503 -> new Fault.Respond(FaultKind.ERROR_503, 503, 0);
                case TOO_MANY_REQUESTS -> new Fault.Respond(FaultKind.TOO_MANY_REQUESTS, 429, plan.retryAfterSeconds());
                case RESET -> new Fault.Reset();
                case SLOW -> new Fault.Delay(plan.slowDelay());
            };
        }
    }
}
