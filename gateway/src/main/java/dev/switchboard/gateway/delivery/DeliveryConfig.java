package dev.switchboard.gateway.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the delivery worker; every value has a production default. */
@ConfigMapping(prefix = "switchboard.delivery")
public interface DeliveryConfig {

    /** Run the worker in this process (off for a replica that only serves the API). */
    @WithDefault("true")
    boolean workerEnabled();

    /** Threads executing remote calls, shared by all targets. */
    @WithDefault("16")
    int workerThreads();

    /** Tasks claimed per target per round. */
    @WithDefault("20")
    int batchSize();

    /**
     * Tasks claimed per target beyond its free slots, so a worker that finishes a task starts the
     * next one at once instead of waiting for a dispatch round (0 = claim only for free slots).
     * Prefetched tasks are leased; they are given back when the target pauses or its breaker opens.
     */
    @WithDefault("0")
    int prefetch();

    /** How long a claimed task stays ours; a crashed worker's tasks are re-claimed after it. */
    @WithDefault("2m")
    Duration lease();

    /** Poll for work other replicas enqueued (local enqueues wake the worker at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Delay before a user waiting for its group to be provisioned tries again. */
    @WithDefault("2s")
    Duration groupWait();

    Retry retry();

    Breaker breaker();

    /** How long attempts are kept. */
    @WithDefault("7d")
    Duration attemptRetention();

    interface Retry {
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("15m")
        Duration maxBackoff();

        /** Fraction of the backoff that is randomised (0 = none, 1 = full jitter). */
        @WithDefault("0.5")
        double jitter();

        /** Dead letter after this many attempts ... */
        @WithDefault("12")
        int maxAttempts();

        /** ... or once the oldest pending change is this old. */
        @WithDefault("24h")
        Duration maxAge();
    }

    interface Breaker {
        /** Consecutive failures that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit waits before letting one probe through. */
        @WithDefault("30s")
        Duration openFor();
    }
}
