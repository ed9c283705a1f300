package dev.switchboard.keycloak.outbox;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Wakes waiting polls of this JVM as soon as a transaction that added outbox rows has committed.
 * A per-realm version counter avoids lost wake-ups: a poll reads the version before it looks at the
 * database and waits only while the version is still the one it read. Other cluster nodes cannot
 * signal here; waiting polls cover them by re-reading the database at a short interval.
 */
public final class OutboxSignal {

    private final ConcurrentMap<String, long[]> versions = new ConcurrentHashMap<>();

    public long version(String realmId) {
        long[] version = versions.computeIfAbsent(realmId, id -> new long[1]);
        synchronized (version) {
            return version[0];
        }
    }

    public void signal(String realmId) {
        long[] version = versions.computeIfAbsent(realmId, id -> new long[1]);
        synchronized (version) {
            version[0]++;
            version.notifyAll();
        }
    }

    /** Waits until the realm's version moves past {@code seen} or the timeout passes. */
    public void await(String realmId, long seen, Duration timeout) throws InterruptedException {
        long[] version = versions.computeIfAbsent(realmId, id -> new long[1]);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (version) {
            long remaining = timeout.toNanos();
            while (version[0] == seen && remaining > 0) {
                version.wait(Math.max(1, remaining / 1_000_000));
                remaining = deadline - System.nanoTime();
            }
        }
    }
}
