package dev.switchboard.gateway.delivery;

import dev.switchboard.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void failuresBelowThreshold_keepCircuitClosed() {
        breaker.recordFailure();
        breaker.recordFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.permits()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void failuresEqualToThreshold_openCircuitAndAdmitNothing() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure();
        }

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.permits()).isZero();
    }

    @Test
    void successBetweenFailures_resetsTheCount() {
        breaker.recordFailure();
        breaker.recordFailure();
        breaker.recordSuccess();
        breaker.recordFailure();
        breaker.recordFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void openCircuit_afterOpenFor_admitsExactlyOneProbe() {
        open();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.permits()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.permits()).isEqualTo(1);
        breaker.started();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.permits()).isZero();
    }

    @Test
    void probeSucceeds_closesCircuit() {
        open();
        clock.advance(Duration.ofSeconds(30));
        breaker.permits();
        breaker.started();

        breaker.recordSuccess();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void probeFails_reopensForAnotherFullPeriod() {
        open();
        clock.advance(Duration.ofSeconds(30));
        breaker.permits();
        breaker.started();

        breaker.recordFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.permits()).isZero();
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure();
        }
    }
}
