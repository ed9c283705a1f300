package dev.switchboard.gateway.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pause flags as the dispatcher sees them: read from the database at most once per poll
 * interval instead of once per round (a round runs after nearly every finished task). A pause made
 * through this replica is seen at once, because its commit drops the cached copy; one made through
 * another replica within a poll interval, as work other replicas enqueue is.
 */
@ApplicationScoped
class PausedTargets {

    private final TargetControlStore store;
    private final long maxAgeNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot cached;

    PausedTargets(TargetControlStore store, DeliveryConfig config) {
        this.store = store;
        this.maxAgeNanos = config.pollInterval().toNanos();
    }

    Set<String> current() {
        Snapshot snapshot = cached;
        long now = System.nanoTime();
        if (snapshot == null || snapshot.generation() != generation.get() || now - snapshot.readAtNanos() >= maxAgeNanos) {
            long readGeneration = generation.get();
            snapshot = new Snapshot(Set.copyOf(store.pausedTargets()), now, readGeneration);
            cached = snapshot;
        }
        return snapshot.paused();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PauseChanged change) {
        generation.incrementAndGet();
    }

    private record Snapshot(Set<String> paused, long readAtNanos, long generation) {
    }
}
