package dev.switchboard.keycloak.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when a node deletes refused rows past their retention. Retention is counted in hours or
 * days, so running the delete on every acknowledgement (many per second under load) bought nothing
 * but a statement per poll; once per interval per node is enough, and another node's purge is
 * harmless.
 */
public final class DeadRowPurge {

    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final AtomicLong nextAtMillis = new AtomicLong(Long.MIN_VALUE);

    public DeadRowPurge(Clock clock) {
        this.clock = clock;
    }

    /** True at most once per {@link #INTERVAL}: the caller that gets true runs the purge. */
    public boolean due() {
        long now = clock.millis();
        long next = nextAtMillis.get();
        return now >= next && nextAtMillis.compareAndSet(next, now + INTERVAL.toMillis());
    }
}
