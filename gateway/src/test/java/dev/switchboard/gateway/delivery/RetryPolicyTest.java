package dev.switchboard.gateway.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A random source that always answers {@code value}. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static RetryPolicy policy(double jitter, double random) {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), jitter, 5, Duration.ofHours(1), fixed(random));
    }

    @Test
    void backoff_withoutJitter_doublesPerFailure() {
        RetryPolicy policy = policy(0, 0.9);

        assertThat(policy.backoff(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(4, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void backoff_pastTheCap_staysAtMax() {
        RetryPolicy policy = policy(0, 0);

        assertThat(policy.backoff(7, Optional.empty())).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.backoff(1000, Optional.empty())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void backoff_withFullJitterAndHighRandom_isShortenedByThatFraction() {
        assertThat(policy(1, 0.75).backoff(3, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy(0.5, 0.5).backoff(3, Optional.empty())).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void backoff_retryAfterLongerThanComputed_isHonoured() {
        assertThat(policy(0, 0).backoff(1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void backoff_retryAfterShorterThanComputed_keepsComputed() {
        assertThat(policy(0, 0).backoff(4, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void exhausted_lessThanMaxAttempts_isFalse() {
        assertThat(policy(0, 0).exhausted(4, T0, T0.plusSeconds(10))).isFalse();
    }

    @Test
    void exhausted_equalToMaxAttempts_isTrue() {
        assertThat(policy(0, 0).exhausted(5, T0, T0.plusSeconds(10))).isTrue();
    }

    @Test
    void exhausted_justBeforeMaxAge_isFalse_andAtMaxAge_isTrue() {
        assertThat(policy(0, 0).exhausted(1, T0, T0.plus(Duration.ofHours(1)).minusMillis(1))).isFalse();
        assertThat(policy(0, 0).exhausted(1, T0, T0.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void constructor_jitterAboveOne_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy(1.5, 0));
    }
}
