package dev.switchboard.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Rate limit towards one target: {@code perSecond} sustained, up to {@code burst} at once.
 * One token per task. Per process; thread-safe.
 */
public final class TokenBucket {

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private Instant refilledAt;

    public TokenBucket(double perSecond, int burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.refilledAt = clock.instant();
    }

    /** Takes up to {@code wanted} tokens and returns how many it got. */
    public synchronized int take(int wanted) {
        refill();
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }

    /** Gives back tokens taken but not used (fewer tasks were due than tokens taken). */
    public synchronized void giveBack(int unused) {
        tokens = Math.min(burst, tokens + unused);
    }

    /** How long until at least one token is available. */
    public synchronized Duration untilNext() {
        refill();
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1_000_000_000L));
    }

    private void refill() {
        Instant now = clock.instant();
        double elapsed = Duration.between(refilledAt, now).toNanos() / 1_000_000_000.0;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perSecond);
            refilledAt = now;
        }
    }
}
