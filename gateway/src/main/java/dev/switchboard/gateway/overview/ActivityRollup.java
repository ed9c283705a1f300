package dev.switchboard.gateway.overview;

import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Keeps {@code target_minute} and {@code target_activity} up to date from the attempt log and the
 * queue. Each run recounts the current minute and a few closed ones from scratch and samples every
 * target's backlog, so a run is idempotent: replicas running it at the same time, or a run that
 * repeats after a crash, write the same numbers. Delivery is not touched: the rollup reads what
 * delivery already records.
 */
@ApplicationScoped
public class ActivityRollup {

    private static final Logger LOG = Logger.getLogger(ActivityRollup.class);

    private final ActivityStore store;
    private final TargetRegistry targets;
    private final OverviewConfig config;
    private final Clock clock;
    private Instant lastPurge = Instant.EPOCH;

    ActivityRollup(ActivityStore store, TargetRegistry targets, OverviewConfig config, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${switchboard.overview.rollup-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            rollUp();
        } catch (RuntimeException e) {
            // the next run recounts the same minutes, so one failed run loses nothing
            LOG.errorf(e, "event=rollup_failed");
        }
    }

    /** One run: recount recent minutes, move last success/error forward, sample backlogs. */
    public void rollUp() {
        Instant now = clock.instant();
        Instant currentMinute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant from = currentMinute.minus(Duration.ofMinutes(config.recountMinutes()));
        for (Instant minute = from; !minute.isAfter(currentMinute); minute = minute.plus(Duration.ofMinutes(1))) {
            Instant next = minute.plus(Duration.ofMinutes(1));
            Map<String, ActivityStore.MinuteCounts> counts = store.attemptCounts(minute, next);
            for (Map.Entry<String, ActivityStore.MinuteCounts> entry : counts.entrySet()) {
                store.saveCounts(entry.getKey(), minute, entry.getValue());
            }
        }
        Instant until = currentMinute.plus(Duration.ofMinutes(1));
        store.lastSuccesses(from, until).forEach(store::saveLastSuccess);
        store.lastErrors(from, until).forEach(store::saveLastError);
        Map<String, ActivityStore.Backlog> backlogs = store.backlogs();
        for (TargetDefinition target : targets.all()) {
            store.saveBacklog(target.id(), currentMinute, backlogs.getOrDefault(target.id(), ActivityStore.Backlog.NONE).pending());
        }
        if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) >= 0) {
            int removed = store.deleteMinutesBefore(now.minus(config.retention()));
            lastPurge = now;
            LOG.debugf("event=rollup_purged removed=%d", removed);
        }
    }
}
