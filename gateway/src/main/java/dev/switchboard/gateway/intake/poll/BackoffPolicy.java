package dev.switchboard.gateway.intake.poll;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half and all
 * of {@code min(max, initial * 2^(n-1))}. Replicas that lost a source together thus do not come back
 * in lockstep, and no wait is ever shorter than half the step.
 */
public record BackoffPolicy(Duration initial, Duration max) {

    public BackoffPolicy {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff %s is below initial %s".formatted(max, initial));
        }
    }

    /**
     * @param failures consecutive failures so far, at least 1
     * @param random   source of jitter; injected so tests choose it
     */
    public Duration delay(int failures, RandomGenerator random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, was " + failures);
        }
        long ceiling = ceilingMillis(failures);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
    }

    private long ceilingMillis(int failures) {
        long maxMillis = max.toMillis();
        long step = initial.toMillis();
        for (int i = 1; i < failures && step < maxMillis; i++) {
            step = step * 2;
        }
        return Math.min(step, maxMillis);
    }
}
