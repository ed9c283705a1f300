package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;

/**
 * Refreshes the per-target backlog gauges from the database (so they count every replica's work).
 * Stops before the datasource closes: the shutdown waits for a refresh in progress, and a trigger
 * that fires afterwards does nothing (it used to query a closed pool and log an ERROR at shutdown).
 */
@ApplicationScoped
public class BacklogMonitor {

    private final TargetRegistry targets;
    private final DeliveryQueue queue;
    private final DeliveryMetrics metrics;
    private final DeliveryTime time;
    private final Object refreshing = new Object();
    private boolean stopped;

    BacklogMonitor(TargetRegistry targets, DeliveryQueue queue, DeliveryMetrics metrics, DeliveryTime time) {
        this.targets = targets;
        this.queue = queue;
        this.metrics = metrics;
        this.time = time;
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        synchronized (refreshing) {
            if (stopped) {
                return;
            }
            Instant now = time.clock().instant();
            for (TargetDefinition target : targets.all()) {
                DeliveryQueue.Backlog backlog = queue.backlog(target.id());
                metrics.backlog(target.id(), backlog.pending(),
                        backlog.oldestPending().map(oldest -> Duration.between(oldest, now).toSeconds()).orElse(0L));
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        synchronized (refreshing) {
            stopped = true;
        }
    }
}
