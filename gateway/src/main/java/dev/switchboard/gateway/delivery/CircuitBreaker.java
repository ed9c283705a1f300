package dev.switchboard.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops hammering a target that keeps failing.
 *
 * <pre>
 *  CLOSED --threshold consecutive failures--> OPEN --openFor elapsed--> HALF_OPEN (one probe)
 *    ^                                         ^                            |
 *    +---------------- probe succeeds ---------+------ probe fails ---------+
 * </pre>
 * Per process: each replica judges a target from its own calls. Thread-safe.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt = Instant.EPOCH;
    private boolean probeInFlight;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** How many tasks may start now: unlimited when closed, one probe when half-open, none when open. */
    public synchronized int permits() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            state = State.HALF_OPEN;
            probeInFlight = false;
        }
        return switch (state) {
            case CLOSED -> Integer.MAX_VALUE;
            case OPEN -> 0;
            case HALF_OPEN -> probeInFlight ? 0 : 1;
        };
    }

    /** Called for each task started while half-open, so only one probe goes out. */
    public synchronized void started() {
        if (state == State.HALF_OPEN) {
            probeInFlight = true;
        }
    }

    public synchronized void recordSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        probeInFlight = false;
    }

    public synchronized void recordFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
            probeInFlight = false;
        }
    }

    public synchronized State state() {
        permits();
        return state;
    }
}
