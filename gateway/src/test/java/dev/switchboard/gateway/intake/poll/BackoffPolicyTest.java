package dev.switchboard.gateway.intake.poll;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffPolicyTest {

    private static final BackoffPolicy POLICY = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));
    /** nextDouble() == 0: the shortest delay the jitter allows. */
    private static final RandomGenerator LOWEST = () -> 0L;
    /** nextDouble() just below 1: the longest delay the jitter allows. */
    private static final RandomGenerator HIGHEST = () -> -1L;

    @Test
    void firstFailure_waitsBetweenHalfAndAllOfInitial() {
        assertThat(POLICY.delay(1, LOWEST)).isEqualTo(Duration.ofMillis(500));
        assertThat(POLICY.delay(1, HIGHEST)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
    }

    @Test
    void eachFurtherFailure_doublesTheCeiling() {
        assertThat(POLICY.delay(2, LOWEST)).isEqualTo(Duration.ofSeconds(1));
        assertThat(POLICY.delay(3, LOWEST)).isEqualTo(Duration.ofSeconds(2));
        assertThat(POLICY.delay(4, HIGHEST)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
    }

    @Test
    void failuresBeyondTheMax_stayCappedAtMax() {
        assertThat(POLICY.delay(7, HIGHEST)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
        assertThat(POLICY.delay(1_000, HIGHEST)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
        assertThat(POLICY.delay(1_000, LOWEST)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void zeroFailures_isRejected() {
        assertThatThrownBy(() -> POLICY.delay(0, LOWEST)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maxBelowInitial_isRejected() {
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below initial");
    }

    @Test
    void zeroInitial_isRejected() {
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
