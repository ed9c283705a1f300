package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims due tasks and executes them. One dispatcher thread decides what may start (pause,
 * circuit breaker, concurrency slots, rate limit) and claims exactly that many tasks per target;
 * a pool runs them. The dispatcher is woken when this process commits new work and when a task
 * finishes, and otherwise polls briefly for work other replicas enqueued.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryConfig config;
    private final TargetRegistry targets;
    private final DeliveryQueue queue;
    private final TaskExecutor executor;
    private final TargetControlStore controls;
    private final DeliveryMetrics metrics;
    private final DeliveryTime time;
    private final RetryPolicy retryPolicy;
    private final Map<String, TargetGate> gates = new ConcurrentHashMap<>();
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private ExecutorService pool;
    private Thread dispatcher;

    DeliveryWorker(DeliveryConfig config, TargetRegistry targets, DeliveryQueue queue, TaskExecutor executor,
                   TargetControlStore controls, DeliveryMetrics metrics, DeliveryTime time) {
        this.config = config;
        this.targets = targets;
        this.queue = queue;
        this.executor = executor;
        this.controls = controls;
        this.metrics = metrics;
        this.time = time;
        this.retryPolicy = RetryPolicy.from(config.retry(), time.random());
    }

    void start(@Observes StartupEvent startup) {
        if (!config.workerEnabled()) {
            LOG.info("event=delivery_worker_disabled");
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(config.workerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        dispatcher = new Thread(this::dispatchLoop, "delivery-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (dispatcher != null) {
            wake();
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Look for work now. Cheap and idempotent; many calls while busy collapse into one round. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** The breaker state of a target in this process, for the status view. */
    public Optional<CircuitBreaker.State> breakerState(String targetId) {
        return Optional.ofNullable(gates.get(targetId)).map(gate -> gate.breaker().state());
    }

    private void dispatchLoop() {
        while (running) {
            Duration wait = config.pollInterval();
            try {
                wait = dispatchRound();
            } catch (RuntimeException e) {
                LOG.errorf(e, "event=dispatch_failed");
            }
            try {
                if (signal.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Starts what may start now; returns how long the dispatcher may wait before the next round. */
    private Duration dispatchRound() {
        Set<String> paused = controls.pausedTargets();
        Duration next = config.pollInterval();
        for (TargetDefinition target : targets.all()) {
            if (paused.contains(target.id())) {
                continue;
            }
            TargetGate gate = gates.compute(target.id(), (id, existing) -> existing != null && existing.revision() == target.revision()
                    ? existing : new TargetGate(target, config.breaker(), time.clock()));
            int wanted = Math.min(Math.min(gate.freeSlots(), gate.breaker().permits()), config.batchSize());
            if (wanted <= 0) {
                continue;
            }
            int tokens = gate.bucket().take(wanted);
            if (tokens == 0) {
                Duration untilToken = gate.bucket().untilNext();
                next = untilToken.compareTo(next) < 0 ? untilToken : next;
                continue;
            }
            Instant now = time.clock().instant();
            List<DeliveryTask> claimed = queue.claim(target.id(), tokens, now, now.plus(config.lease()), UUID.randomUUID().toString());
            gate.bucket().giveBack(tokens - claimed.size());
            for (DeliveryTask task : claimed) {
                gate.occupy();
                pool.execute(() -> work(target, gate, task));
            }
        }
        return next;
    }

    private void work(TargetDefinition target, TargetGate gate, DeliveryTask task) {
        try {
            settle(target, gate, task, executor.execute(task, target));
        } catch (RuntimeException e) {
            // the task keeps its lease and is claimed again once the lease expires
            LOG.errorf(e, "event=task_failed target=%s task=%d", target.id(), task.id());
        } finally {
            gate.release();
            wake();
        }
    }

    private void settle(TargetDefinition target, TargetGate gate, DeliveryTask task, DeliveryOutcome outcome) {
        Instant now = time.clock().instant();
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            gate.breaker().recordSuccess();
            queue.complete(task, delivered.seq(), now);
            metrics.task(target.id(), "delivered");
            LOG.debugf("event=delivered target=%s task=%d seq=%d calls=%d", target.id(), task.id(), delivered.seq(), delivered.calls());
        } else if (outcome instanceof DeliveryOutcome.Skipped skipped) {
            queue.complete(task, skipped.seq(), now);
            metrics.task(target.id(), "skipped");
        } else if (outcome instanceof DeliveryOutcome.RetryLater retry) {
            int attempts = task.attempts() + (retry.targetFailure() ? 1 : 0);
            if (retry.targetFailure()) {
                gate.breaker().recordFailure();
            }
            if (retryPolicy.exhausted(attempts, task.firstEnqueuedAt(), now)) {
                deadLetter(target, task, attempts, retry.reason(), now);
                return;
            }
            Duration delay = retry.targetFailure() ? retryPolicy.backoff(attempts, Optional.of(retry.retryAfter())) : retry.retryAfter();
            queue.retryLater(task, attempts, now.plus(delay), retry.reason(), now);
            metrics.task(target.id(), "retry");
            LOG.infof("event=retry_scheduled target=%s task=%d attempts=%d delay_ms=%d reason=\"%s\"",
                    target.id(), task.id(), attempts, delay.toMillis(), retry.reason());
        } else if (outcome instanceof DeliveryOutcome.Conflict conflict) {
            deadLetter(target, task, task.attempts() + 1, "conflict: " + conflict.reason(), now);
        } else if (outcome instanceof DeliveryOutcome.Failed failed) {
            deadLetter(target, task, task.attempts() + 1, failed.reason(), now);
        }
    }

    private void deadLetter(TargetDefinition target, DeliveryTask task, int attempts, String reason, Instant now) {
        queue.deadLetter(task, attempts, reason, now);
        metrics.task(target.id(), "dead_letter");
        LOG.warnf("event=dead_letter target=%s task=%d attempts=%d reason=\"%s\"", target.id(), task.id(), attempts, reason);
    }
}
