package dev.switchboard.gateway.people;

import dev.switchboard.gateway.attempts.Attempt;
import dev.switchboard.gateway.attempts.AttemptLog;
import dev.switchboard.gateway.delivery.DeliveryQueue;
import dev.switchboard.gateway.delivery.DeliveryTask;
import dev.switchboard.gateway.delivery.DeliveryWorker;
import dev.switchboard.gateway.delivery.SubjectStateReader;
import dev.switchboard.gateway.delivery.TargetControlStore;
import dev.switchboard.gateway.planner.SubjectState;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Provision-on-demand for one person: their work for every target is queued due now (a dead letter
 * is revived) and the delivery workers are woken; the answer waits, bounded, until each target's
 * work is finished and reports the calls made. Going through the queue rather than around it means
 * the same planner, step runner and link table as any delivery, and one in flight per (target,
 * subject) holds: a worker already busy with this person simply finishes first.
 */
@ApplicationScoped
public class ProvisionNow {

    private final SubjectStateReader states;
    private final TargetRegistry targets;
    private final TargetControlStore controls;
    private final DeliveryQueue queue;
    private final DeliveryWorker worker;
    private final AttemptLog attempts;
    private final ProvisionConfig config;
    private final Clock clock;

    ProvisionNow(SubjectStateReader states, TargetRegistry targets, TargetControlStore controls, DeliveryQueue queue,
                 DeliveryWorker worker, AttemptLog attempts, ProvisionConfig config, Clock clock) {
        this.states = states;
        this.targets = targets;
        this.controls = controls;
        this.queue = queue;
        this.worker = worker;
        this.attempts = attempts;
        this.config = config;
        this.clock = clock;
    }

    /** Empty when the person is not stored. */
    public Optional<ProvisionResult> provision(SubjectKey key) throws InterruptedException {
        Optional<SubjectState> state = states.find(key);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        Instant started = clock.instant();
        Set<String> paused = controls.pausedTargets();
        List<TargetDefinition> all = targets.all().stream().sorted(Comparator.comparing(TargetDefinition::id)).toList();
        Map<String, Integer> attemptsBefore = new LinkedHashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (TargetDefinition target : all) {
                if (!paused.contains(target.id())) {
                    attemptsBefore.put(target.id(), queue.find(target.id(), key).filter(t -> t.status() == DeliveryTask.TaskStatus.PENDING)
                            .map(DeliveryTask::attempts).orElse(0));
                    queue.enqueue(target.id(), key, state.get().seq(), started);
                }
            }
        });
        worker.wake();
        Map<String, ProvisionResult.TargetResult> results = new LinkedHashMap<>();
        Instant deadline = started.plus(config.timeout());
        while (true) {
            for (TargetDefinition target : all) {
                if (!results.containsKey(target.id())) {
                    status(target, key, paused, attemptsBefore).ifPresent(status -> results.put(target.id(), status));
                }
            }
            if (results.size() == all.size() || clock.instant().isAfter(deadline)) {
                break;
            }
            Thread.sleep(config.checkEvery().toMillis());
        }
        List<ProvisionResult.TargetResult> ordered = new ArrayList<>();
        for (TargetDefinition target : all) {
            ProvisionResult.TargetResult result = results.getOrDefault(target.id(),
                    new ProvisionResult.TargetResult(target.id(), "pending", "still in progress; delivery goes on", List.of()));
            ordered.add(withSteps(result, key, started));
        }
        return Optional.of(new ProvisionResult(ordered));
    }

    /** The target's final status once its work is over; empty while it is not. */
    private Optional<ProvisionResult.TargetResult> status(TargetDefinition target, SubjectKey key, Set<String> paused,
                                                           Map<String, Integer> attemptsBefore) {
        if (paused.contains(target.id())) {
            return Optional.of(new ProvisionResult.TargetResult(target.id(), "paused", "target is paused: nothing sent", List.of()));
        }
        Optional<DeliveryTask> task = queue.find(target.id(), key);
        if (task.isEmpty()) {
            return Optional.of(new ProvisionResult.TargetResult(target.id(), "done", null, List.of()));
        }
        DeliveryTask t = task.get();
        boolean dead = t.status() == DeliveryTask.TaskStatus.DEAD;
        boolean failedOnce = t.attempts() > attemptsBefore.getOrDefault(target.id(), 0) && t.claimToken().isEmpty();
        if (dead || failedOnce) {
            return Optional.of(new ProvisionResult.TargetResult(target.id(), "failed",
                    t.lastError().orElse(dead ? "dead letter" : "retry scheduled"), List.of()));
        }
        return Optional.empty();
    }

    /** Adds the calls the attempt log shows for this target since the start, waiting briefly for its batch writer. */
    private ProvisionResult.TargetResult withSteps(ProvisionResult.TargetResult result, SubjectKey key, Instant started)
            throws InterruptedException {
        if (result.status().equals("paused")) {
            return result;
        }
        Instant settleUntil = clock.instant().plus(config.attemptLogSettle());
        List<Attempt> calls = callsSince(result.targetId(), key, started);
        while (calls.isEmpty() && clock.instant().isBefore(settleUntil)) {
            Thread.sleep(config.checkEvery().toMillis());
            calls = callsSince(result.targetId(), key, started);
        }
        List<ProvisionResult.StepResult> steps = calls.stream()
                .map(a -> new ProvisionResult.StepResult(stepName(a.method(), a.path()), a.method(), a.path(), a.status(),
                        a.outcome(), a.outcome().equals("ok") ? null : a.responseExcerpt().orElse(null)))
                .toList();
        String message = result.message() != null ? result.message() : steps.isEmpty() ? "nothing to change" : null;
        return new ProvisionResult.TargetResult(result.targetId(), result.status(), message, steps);
    }

    private List<Attempt> callsSince(String targetId, SubjectKey key, Instant started) {
        return attempts.ofSubject(key, 50).stream()
                .filter(a -> a.targetId().equals(targetId) && !a.attemptedAt().isBefore(started))
                .sorted(Comparator.comparing(Attempt::attemptedAt).thenComparing(Attempt::id))
                .toList();
    }

    /** {@code POST /Users} reads "create user", {@code PATCH /Groups/7} "update group", a filtered GET "look up user". */
    static String stepName(String method, String path) {
        String resource = path.startsWith("/Groups") ? "group" : "user";
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "POST" -> "create";
            case "PATCH", "PUT" -> "update";
            case "DELETE" -> "delete";
            case "GET" -> "look up";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return verb + " " + resource;
    }
}
