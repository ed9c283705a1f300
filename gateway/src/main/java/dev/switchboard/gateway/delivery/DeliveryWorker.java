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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Claims due tasks and executes them. One dispatcher thread decides what may start (pause,
 * circuit breaker, concurrency slots, rate limit) and claims exactly that many tasks per target;
 * a pool runs them. New work committed in this process wakes it for every target; a finished task
 * wakes it for that task's target only (see {@link DispatchSignals}); otherwise it polls briefly
 * for work other replicas enqueued.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Claims running at once in one round (one per target, at most this many; each holds a connection). */
    private static final int CLAIM_THREADS = 4;

    private final DeliveryConfig config;
    private final TargetRegistry targets;
    private final DeliveryQueue queue;
    private final TaskExecutor executor;
    private final TaskCompletion completion;
    private final TaskInputsReader inputs;
    private final PausedTargets paused;
    private final DeliveryMetrics metrics;
    private final DeliveryTime time;
    private final RetryPolicy retryPolicy;
    private final Map<String, TargetGate> gates = new ConcurrentHashMap<>();
    private final Map<String, PrefetchedTasks> prefetched = new ConcurrentHashMap<>();
    private final DispatchSignals signals = new DispatchSignals();
    private volatile boolean running;
    private ExecutorService pool;
    private ExecutorService claimers;
    private Thread dispatcher;

    DeliveryWorker(DeliveryConfig config, TargetRegistry targets, DeliveryQueue queue, TaskExecutor executor,
                   TaskCompletion completion, TaskInputsReader inputs, PausedTargets paused, DeliveryMetrics metrics, DeliveryTime time) {
        this.config = config;
        this.targets = targets;
        this.queue = queue;
        this.executor = executor;
        this.completion = completion;
        this.inputs = inputs;
        this.paused = paused;
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
        AtomicInteger claimThreads = new AtomicInteger();
        claimers = Executors.newFixedThreadPool(CLAIM_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "delivery-claim-" + claimThreads.incrementAndGet());
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
            claimers.shutdown();
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            prefetched.values().forEach(tasks -> release(tasks.drain()));
        }
    }

    /** Look for work for every target now. Cheap and idempotent; many calls while busy collapse into one round. */
    public void wake() {
        signals.wakeAll();
    }

    /** Look for work for one target now: a slot of it freed. */
    void wake(String targetId) {
        signals.wake(targetId);
    }

    /** The breaker state of a target in this process, for the status view. */
    public Optional<CircuitBreaker.State> breakerState(String targetId) {
        return Optional.ofNullable(gates.get(targetId)).map(gate -> gate.breaker().state());
    }

    private void dispatchLoop() {
        long fullRoundDue = System.nanoTime();
        while (running) {
            DispatchSignals.Round round;
            try {
                round = signals.await(fullRoundDue - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!running) {
                return;
            }
            Duration wait = config.pollInterval();
            try {
                wait = dispatchRound(round);
            } catch (RuntimeException e) {
                LOG.errorf(e, "event=dispatch_failed");
            }
            long next = System.nanoTime() + Math.max(1, wait.toNanos());
            fullRoundDue = round.everyTarget() || next - fullRoundDue < 0 ? next : fullRoundDue;
        }
    }

    /**
     * Starts what may start now among the round's targets; returns how long the dispatcher may wait
     * before it looks at every target again (a rate limit may ask for less than the poll interval).
     * The claims of one round run side by side, one per target: each is a round trip and a commit,
     * and a round after new work would otherwise wait for them one after the other.
     */
    private Duration dispatchRound(DispatchSignals.Round round) {
        Set<String> pausedNow = paused.current();
        Duration next = config.pollInterval();
        List<Runnable> claims = new ArrayList<>();
        List<TargetDefinition> all = targets.all();
        if (round.everyTarget()) {
            Set<String> known = all.stream().map(TargetDefinition::id).collect(Collectors.toSet());
            prefetched.keySet().stream().filter(id -> !known.contains(id)).toList()
                    .forEach(gone -> release(prefetched.remove(gone).drain()));
        }
        for (TargetDefinition target : all) {
            if (!round.includes(target.id())) {
                continue;
            }
            PrefetchedTasks ahead = prefetched.computeIfAbsent(target.id(), id -> new PrefetchedTasks());
            if (pausedNow.contains(target.id())) {
                release(ahead.drain());
                continue;
            }
            TargetGate gate = gates.compute(target.id(), (id, existing) -> existing != null && existing.revision() == target.revision()
                    ? existing : new TargetGate(target, config.breaker(), time.clock()));
            int permits = gate.breaker().permits();
            boolean closed = permits == Integer.MAX_VALUE;
            if (!closed) {
                // breaker open or probing: nothing starts ahead of its verdict
                release(ahead.drain());
            }
            int free = Math.min(gate.freeSlots(), permits);
            free -= startPrefetched(target, gate, ahead, free);
            int startNow = Math.min(free, config.batchSize());
            int tokens = startNow > 0 ? gate.bucket().take(startNow) : 0;
            if (startNow > 0 && tokens == 0) {
                Duration untilToken = gate.bucket().untilNext();
                next = untilToken.compareTo(next) < 0 ? untilToken : next;
                continue;
            }
            int extra = closed && tokens == startNow ? prefetchWanted(ahead, tokens) : 0;
            extra = Math.min(extra, config.batchSize() - tokens);
            if (tokens + extra <= 0) {
                continue;
            }
            int claimAhead = extra;
            claims.add(() -> claimAndStart(target, gate, ahead, tokens, claimAhead));
        }
        if (claims.size() == 1) {
            claims.get(0).run();
        } else {
            claims.stream().map(claimers::submit).toList().forEach(this::awaitClaim);
        }
        return next;
    }

    /**
     * How many tasks to claim ahead: the missing part of the prefetch depth, once at least half of
     * it is missing (so refills come in batches, not one claim per finished task), or whenever the
     * round claims for free slots anyway.
     */
    private int prefetchWanted(PrefetchedTasks ahead, int claimingForSlots) {
        int missing = config.prefetch() - ahead.size();
        return missing > 0 && (claimingForSlots > 0 || missing >= (config.prefetch() + 1) / 2) ? missing : 0;
    }

    /** Starts up to {@code free} tasks claimed earlier; returns how many started. */
    private int startPrefetched(TargetDefinition target, TargetGate gate, PrefetchedTasks ahead, int free) {
        int started = 0;
        while (started < free && ahead.size() > 0 && gate.bucket().take(1) == 1) {
            List<ClaimedTask> expired = new ArrayList<>();
            Optional<ClaimedTask> task = ahead.next(time.clock().instant(), expired);
            release(expired);
            if (task.isEmpty()) {
                gate.bucket().giveBack(1);
                break;
            }
            gate.occupy();
            pool.execute(() -> work(target, gate, task.get()));
            started++;
        }
        return started;
    }

    private void claimAndStart(TargetDefinition target, TargetGate gate, PrefetchedTasks ahead, int tokens, int extra) {
        Instant now = time.clock().instant();
        List<ClaimedTask> claimed;
        try {
            claimed = queue.claimForWork(target.id(), tokens + extra, now, now.plus(config.lease()), UUID.randomUUID().toString(), inputs);
        } catch (RuntimeException e) {
            gate.bucket().giveBack(tokens);
            throw e;
        }
        int startNow = Math.min(tokens, claimed.size());
        gate.bucket().giveBack(tokens - startNow);
        for (ClaimedTask task : claimed.subList(0, startNow)) {
            gate.occupy();
            pool.execute(() -> work(target, gate, task));
        }
        Instant startBy = now.plus(config.lease().dividedBy(2));
        claimed.subList(startNow, claimed.size()).forEach(task -> ahead.add(task, startBy));
    }

    /** A failed claim of one target is logged; the other targets of the round went ahead. */
    private void awaitClaim(Future<?> claim) {
        try {
            claim.get();
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "event=claim_failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Works a task, then the target's prefetched tasks as long as they may start, then frees the slot. */
    private void work(TargetDefinition target, TargetGate gate, ClaimedTask first) {
        try {
            for (Optional<ClaimedTask> task = Optional.of(first); task.isPresent(); task = nextPrefetched(target, gate)) {
                workOn(target, gate, task.get());
            }
        } finally {
            gate.release();
            wake(target.id());
        }
    }

    private void workOn(TargetDefinition target, TargetGate gate, ClaimedTask claimed) {
        DeliveryTask task = claimed.task();
        try {
            settle(target, gate, task, executor.execute(claimed, target));
        } catch (RuntimeException e) {
            // the task keeps its lease and is claimed again once the lease expires
            LOG.errorf(e, "event=task_failed target=%s task=%d", target.id(), task.id());
        }
    }

    /**
     * The next prefetched task of the target, when one may start in the slot just finished: the
     * worker runs, the target's settings did not change, it is not paused, its breaker is closed
     * and the rate limit has a token. Asks for a refill when half the depth is used.
     */
    private Optional<ClaimedTask> nextPrefetched(TargetDefinition target, TargetGate gate) {
        PrefetchedTasks ahead = prefetched.get(target.id());
        if (!running || ahead == null || ahead.size() == 0 || gates.get(target.id()) != gate
                || gate.breaker().permits() != Integer.MAX_VALUE || paused.current().contains(target.id())
                || gate.bucket().take(1) == 0) {
            return Optional.empty();
        }
        List<ClaimedTask> expired = new ArrayList<>();
        Optional<ClaimedTask> next = ahead.next(time.clock().instant(), expired);
        release(expired);
        if (next.isEmpty()) {
            gate.bucket().giveBack(1);
            return next;
        }
        if (ahead.size() <= config.prefetch() / 2) {
            wake(target.id());
        }
        return next;
    }

    /** Hands claimed, unstarted tasks back to the queue; if that fails they are due again when their lease ends. */
    private void release(List<ClaimedTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        try {
            queue.release(tasks.stream().map(ClaimedTask::task).toList(), time.clock().instant());
            LOG.debugf("event=prefetched_released count=%d", tasks.size());
        } catch (RuntimeException e) {
            LOG.errorf(e, "event=prefetched_release_failed count=%d", tasks.size());
        }
    }

    private void settle(TargetDefinition target, TargetGate gate, DeliveryTask task, DeliveryOutcome outcome) {
        Instant now = time.clock().instant();
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            gate.breaker().recordSuccess();
            completion.delivered(task, delivered, now);
            metrics.task(target.id(), "delivered");
            LOG.debugf("event=delivered target=%s task=%d seq=%d calls=%d", target.id(), task.id(), delivered.seq(), delivered.calls());
        } else if (outcome instanceof DeliveryOutcome.Skipped skipped) {
            completion.skipped(task, skipped.seq(), now);
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
