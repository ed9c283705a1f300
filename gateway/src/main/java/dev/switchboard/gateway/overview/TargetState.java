package dev.switchboard.gateway.overview;

import dev.switchboard.gateway.delivery.CircuitBreaker;

import java.time.Instant;
import java.util.Optional;

/** How a target is doing, as the overview names it; the most urgent condition wins. */
public enum TargetState {
    HEALTHY, DEGRADED, CIRCUIT_OPEN, PAUSED;

    /**
     * Paused beats everything (an operator's choice explains all else); then an open breaker; then
     * degraded: dead letters wait, or failures in the last hour with no success since the newest one.
     */
    static TargetState of(boolean paused, Optional<CircuitBreaker.State> breaker, long deadLetters, long failedLastHour,
                          Optional<Instant> lastSuccessAt, Optional<Instant> lastErrorAt) {
        if (paused) {
            return PAUSED;
        }
        if (breaker.filter(b -> b != CircuitBreaker.State.CLOSED).isPresent()) {
            return CIRCUIT_OPEN;
        }
        boolean failingNow = failedLastHour > 0 && lastErrorAt.isPresent()
                && lastSuccessAt.map(success -> success.isBefore(lastErrorAt.get())).orElse(true);
        return deadLetters > 0 || failingNow ? DEGRADED : HEALTHY;
    }
}
