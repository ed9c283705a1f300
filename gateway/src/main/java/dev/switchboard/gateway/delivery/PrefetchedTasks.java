package dev.switchboard.gateway.delivery;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tasks of one target claimed beyond its free slots, oldest claim first: a worker that finishes a
 * task of the target starts the next one from here instead of waiting for a dispatch round. Each
 * task must start before half of its lease is gone ({@code startBy}); one that waited longer is
 * handed back instead, so it is never run close to the moment another worker may claim it.
 * Thread-safe.
 */
final class PrefetchedTasks {

    private final ArrayDeque<Entry> tasks = new ArrayDeque<>();

    synchronized void add(ClaimedTask task, Instant startBy) {
        tasks.addLast(new Entry(task, startBy));
    }

    /**
     * The oldest task that may still start at {@code now}; those that waited too long are moved to
     * {@code expired} for the caller to release.
     */
    synchronized Optional<ClaimedTask> next(Instant now, List<ClaimedTask> expired) {
        for (Entry entry = tasks.pollFirst(); entry != null; entry = tasks.pollFirst()) {
            if (now.isBefore(entry.startBy())) {
                return Optional.of(entry.task());
            }
            expired.add(entry.task());
        }
        return Optional.empty();
    }

    /** Takes every task (the target paused, its breaker opened, or the worker stops). */
    synchronized List<ClaimedTask> drain() {
        List<ClaimedTask> all = new ArrayList<>(tasks.size());
        tasks.forEach(entry -> all.add(entry.task()));
        tasks.clear();
        return all;
    }

    synchronized int size() {
        return tasks.size();
    }

    private record Entry(ClaimedTask task, Instant startBy) {
    }
}
