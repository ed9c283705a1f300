package dev.switchboard.keycloak.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import dev.switchboard.keycloak.outbox.RealmBacklog;

/**
 * The outbox backlog per realm name, as the gauges read it. The counts come from the database, not
 * from this node's memory, so every node of a cluster reports the same depth; one grouped query
 * answers all gauges of a scrape, and its result is reused until it is older than {@code maxAge}.
 */
public final class OutboxCensus {

    private final Supplier<Map<String, RealmBacklog>> loader;
    private final Clock clock;
    private final Duration maxAge;
    private Map<String, RealmBacklog> counts = Map.of();
    private Instant loadedAt = Instant.MIN;

    /**
     * @param loader reads the current backlog keyed by realm name (a database query)
     * @param maxAge how long one reading serves further gauge reads
     */
    public OutboxCensus(Supplier<Map<String, RealmBacklog>> loader, Clock clock, Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        this.loader = loader;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The realm's backlog; {@link RealmBacklog#EMPTY} for a realm without rows. */
    public synchronized RealmBacklog of(String realm) {
        Instant now = clock.instant();
        if (!now.isBefore(loadedAt.plus(maxAge))) {
            counts = Map.copyOf(loader.get());
            loadedAt = now;
        }
        return counts.getOrDefault(realm, RealmBacklog.EMPTY);
    }
}
