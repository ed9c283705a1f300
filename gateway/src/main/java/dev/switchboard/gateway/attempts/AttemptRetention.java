package dev.switchboard.gateway.attempts;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/** Keeps the attempt log bounded: attempts older than the retention are deleted hourly. */
@ApplicationScoped
public class AttemptRetention {

    private static final Logger LOG = Logger.getLogger(AttemptRetention.class);

    private final AttemptLog log;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();

    AttemptRetention(AttemptLog log, @ConfigProperty(name = "switchboard.delivery.attempt-retention", defaultValue = "7d") Duration retention) {
        this.log = log;
        this.retention = retention;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int removed = log.deleteOlderThan(clock.instant().minus(retention));
        LOG.infof("event=attempts_purged removed=%d retention=%s", removed, retention);
    }
}
