package dev.switchboard.gateway.delivery;

import dev.switchboard.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void fullBucket_grantsUpToBurstThenNothing() {
        TokenBucket bucket = new TokenBucket(10, 5, clock);

        assertThat(bucket.take(8)).isEqualTo(5);
        assertThat(bucket.take(1)).isZero();
    }

    @Test
    void emptyBucket_refillsAtTheSustainedRate() {
        TokenBucket bucket = new TokenBucket(10, 5, clock);
        bucket.take(5);

        assertThat(bucket.untilNext()).isEqualTo(Duration.ofMillis(100));
        clock.advance(Duration.ofMillis(250));

        assertThat(bucket.take(5)).isEqualTo(2);
    }

    @Test
    void longIdle_neverExceedsBurst() {
        TokenBucket bucket = new TokenBucket(10, 5, clock);
        clock.advance(Duration.ofHours(1));

        assertThat(bucket.take(100)).isEqualTo(5);
    }

    @Test
    void unusedTokensGivenBack_areAvailableAgain() {
        TokenBucket bucket = new TokenBucket(1, 3, clock);
        bucket.take(3);
        bucket.giveBack(2);

        assertThat(bucket.take(3)).isEqualTo(2);
    }
}
