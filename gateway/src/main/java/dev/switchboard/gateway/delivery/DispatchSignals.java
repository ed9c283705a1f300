package dev.switchboard.gateway.delivery;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Wake-ups of the dispatcher, coalesced. A finished task frees a slot of one target only, so it asks
 * for a round over that target alone; new work (which may concern every target) asks for a round over
 * all. Any number of signals that arrive while the dispatcher is busy become one round: at a few
 * hundred finished tasks per second this is what keeps the dispatcher from claiming once per task
 * for every target.
 */
final class DispatchSignals {

    private final Object lock = new Object();
    private final Set<String> targets = new LinkedHashSet<>();
    private boolean everyTarget;

    /** New work or a change of settings: the next round looks at every target. */
    void wakeAll() {
        synchronized (lock) {
            everyTarget = true;
            lock.notifyAll();
        }
    }

    /** A slot of {@code targetId} freed: the next round claims for it (at least). */
    void wake(String targetId) {
        synchronized (lock) {
            targets.add(targetId);
            lock.notifyAll();
        }
    }

    /**
     * Waits until a signal arrives or {@code timeoutNanos} pass, and takes every signal pending.
     * Running out of time means a round over all targets: that is how work other replicas enqueued,
     * backoffs that ended and rate-limit tokens that refilled are found.
     */
    Round await(long timeoutNanos) throws InterruptedException {
        synchronized (lock) {
            long deadline = System.nanoTime() + timeoutNanos;
            while (!everyTarget && targets.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Round.EVERY_TARGET;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            Round round = everyTarget ? Round.EVERY_TARGET : new Round(false, Set.copyOf(targets));
            everyTarget = false;
            targets.clear();
            return round;
        }
    }

    /** Which targets one dispatch round looks at. */
    record Round(boolean everyTarget, Set<String> targetIds) {

        static final Round EVERY_TARGET = new Round(true, Set.of());

        boolean includes(String targetId) {
            return everyTarget || targetIds.contains(targetId);
        }
    }
}
