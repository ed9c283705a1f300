package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.targets.TargetDefinition;

import java.time.Clock;
import java.util.concurrent.Semaphore;

/**
 * Per-target admission in this process: concurrency slots, rate limit and circuit breaker.
 * Rebuilt when the target's revision changes.
 */
final class TargetGate {

    private final long revision;
    private final Semaphore slots;
    private final TokenBucket bucket;
    private final CircuitBreaker breaker;

    TargetGate(TargetDefinition target, DeliveryConfig.Breaker breakerConfig, Clock clock) {
        this.revision = target.revision();
        this.slots = new Semaphore(Math.max(1, target.concurrency()));
        this.bucket = new TokenBucket(target.rateLimit().perSecond(), target.rateLimit().burst(), clock);
        this.breaker = new CircuitBreaker(breakerConfig.failureThreshold(), breakerConfig.openFor(), clock);
    }

    long revision() {
        return revision;
    }

    int freeSlots() {
        return slots.availablePermits();
    }

    void occupy() {
        slots.acquireUninterruptibly();
        breaker.started();
    }

    void release() {
        slots.release();
    }

    TokenBucket bucket() {
        return bucket;
    }

    CircuitBreaker breaker() {
        return breaker;
    }
}
