package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.subject.SubjectChanged;
import dev.switchboard.gateway.subject.SubjectsChanged;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.List;

/**
 * Turns a stored change into work for every target, inside the intake's transaction: the event
 * and its work commit together or not at all. Scope is not checked here: a subject that left a
 * target's scope still needs work there (deprovisioning); the planner decides.
 */
@ApplicationScoped
public class SubjectChangeListener {

    private final TargetRegistry targets;
    private final DeliveryQueue queue;
    private final DeliveryWorker worker;
    private final DeliveryTime time;

    SubjectChangeListener(TargetRegistry targets, DeliveryQueue queue, DeliveryWorker worker, DeliveryTime time) {
        this.targets = targets;
        this.queue = queue;
        this.worker = worker;
        this.time = time;
    }

    void enqueue(@Observes SubjectChanged change) {
        for (TargetDefinition target : targets.all()) {
            queue.enqueue(target.id(), change.key(), change.sequence(), time.clock().instant());
        }
    }

    /** A whole intake batch: every (target, subject) task in one JDBC batch. */
    void enqueue(@Observes SubjectsChanged batch) {
        List<String> targetIds = targets.all().stream().map(TargetDefinition::id).toList();
        queue.enqueue(targetIds, batch.changes(), time.clock().instant());
    }

    /** Only once the work is committed can a worker see it; wake it now rather than at the next poll. */
    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubjectChanged change) {
        worker.wake();
    }

    /** The dispatcher is woken straight from the intake's commit: no poll interval in the event's path. */
    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubjectsChanged batch) {
        worker.wake();
    }
}
