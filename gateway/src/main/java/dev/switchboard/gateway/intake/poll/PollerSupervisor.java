package dev.switchboard.gateway.intake.poll;

import dev.switchboard.gateway.intake.IntakeConfig;
import dev.switchboard.gateway.intake.IntakeMetrics;
import dev.switchboard.gateway.intake.SetStore;
import dev.switchboard.gateway.intake.SetVerifier;
import dev.switchboard.gateway.source.Source;
import dev.switchboard.gateway.source.SourceRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts one {@link SourcePoller} thread per enabled, polled source when the application starts
 * and stops them when it shuts down. Dedicated threads, not scheduler ticks: a long poll holds
 * its thread for up to the source's wait bound, which would starve a shared scheduler pool.
 */
@ApplicationScoped
public class PollerSupervisor {

    private static final Logger LOG = Logger.getLogger(PollerSupervisor.class);

    /** Identifies this replica in {@code source_lease}. */
    private final String replicaId = "replica-" + UUID.randomUUID();
    private final SourceRegistry sources;
    private final SourceStatusBoard board;
    private final SourcePoller.Dependencies deps;
    private final SourcePoller.Timing timing;
    private final List<SourcePoller> pollers = new ArrayList<>();
    private ExecutorService executor;

    PollerSupervisor(SourceRegistry sources, SourceStatusBoard board, PollClient client, SetVerifier verifier,
                     BatchVerifier batchVerifier, SetStore store, SourceLease lease, IntakeMetrics metrics, Clock clock,
                     IntakeConfig config) {
        this.sources = sources;
        this.board = board;
        this.deps = new SourcePoller.Dependencies(client, verifier, batchVerifier, store, lease, board, metrics, clock,
                new SecureRandom());
        this.timing = new SourcePoller.Timing(
                new BackoffPolicy(config.poll().initialBackoff(), config.poll().maxBackoff()),
                config.poll().idleDelay(),
                config.poll().leaseDuration());
    }

    void start(@Observes StartupEvent startup) {
        List<Source> polled = new ArrayList<>();
        for (Source source : sources.all()) {
            if (!source.enabled()) {
                board.set(source.name(), SourceStatus.initial(SourceState.DISABLED));
            } else if (source.poll().isEmpty()) {
                board.set(source.name(), SourceStatus.initial(SourceState.PUSH_ONLY));
            } else {
                if (source.poll().get().longPollWait().compareTo(timing.leaseDuration()) >= 0) {
                    throw new IllegalStateException(("switchboard.intake.poll.lease-duration (%s) must be longer than "
                            + "switchboard.sources.%s.long-poll-wait (%s)")
                            .formatted(timing.leaseDuration(), source.name(), source.poll().get().longPollWait()));
                }
                board.set(source.name(), SourceStatus.initial(SourceState.STARTING));
                polled.add(source);
            }
        }
        if (polled.isEmpty()) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(polled.size(), runnable -> {
            Thread thread = new Thread(runnable, "sb-poll-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (Source source : polled) {
            SourcePoller poller = new SourcePoller(source, deps, timing, replicaId);
            pollers.add(poller);
            executor.execute(poller);
        }
        LOG.infof("event=pollers_started count=%d replica=%s", polled.size(), replicaId);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor == null) {
            return;
        }
        pollers.forEach(SourcePoller::stop);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("event=pollers_stop_timeout seconds=10");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
