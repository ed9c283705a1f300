package dev.switchboard.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed task again, and when to give up. Exponential backoff from
 * {@code initial}, capped at {@code max}, with a random part so that many tasks failing together
 * do not all come back in the same instant. A {@code Retry-After} from the app is a floor.
 */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final int maxAttempts;
    private final Duration maxAge;
    private final RandomGenerator random;

    public RetryPolicy(Duration initial, Duration max, double jitter, int maxAttempts, Duration maxAge, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within [0, 1]");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
        this.maxAge = maxAge;
        this.random = random;
    }

    static RetryPolicy from(DeliveryConfig.Retry config, RandomGenerator random) {
        return new RetryPolicy(config.initialBackoff(), config.maxBackoff(), config.jitter(), config.maxAttempts(),
                config.maxAge(), random);
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}.
     *
     * @param failedAttempts attempts that failed so far, at least 1
     */
    public Duration backoff(int failedAttempts, Optional<Duration> retryAfter) {
        int exponent = Math.min(Math.max(failedAttempts, 1) - 1, 30);
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << exponent);
        long randomPart = Math.round(ceiling * jitter * random.nextDouble());
        Duration computed = Duration.ofMillis(ceiling - randomPart);
        return retryAfter.filter(asked -> asked.compareTo(computed) > 0).orElse(computed);
    }

    /** Whether a task that has failed {@code failedAttempts} times, first enqueued then, is dead. */
    public boolean exhausted(int failedAttempts, Instant firstEnqueuedAt, Instant now) {
        return failedAttempts >= maxAttempts || !firstEnqueuedAt.plus(maxAge).isAfter(now);
    }
}
