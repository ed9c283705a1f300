package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.links.TargetLink;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records finished tasks: the link of each task's last write and the task's completion, for every
 * task that finished while the previous commit ran, in one transaction ({@link GroupCommit}). Each
 * commit is a WAL flush, and this runs once per delivered write. A worker returns only once its
 * completion is committed, so its task stays leased (no second worker, no reordering) until then.
 * A crash before the commit leaves link and completion undone for every task in the batch, as a
 * crash after the write and before the link save always could: the task runs again and adopts
 * what the app already holds.
 */
@ApplicationScoped
class TaskCompletion {

    /** Most completions per transaction; 3 targets × 32 slots finish at most 96 at once. */
    private static final int MAX_BATCH = 128;

    private final LinkStore links;
    private final DeliveryQueue queue;
    private final GroupCommit<Finished, Boolean> commits = new GroupCommit<>(this::commitAll, MAX_BATCH);

    TaskCompletion(LinkStore links, DeliveryQueue queue) {
        this.links = links;
        this.queue = queue;
    }

    /** @return true when the task row was removed (see {@link DeliveryQueue#complete}) */
    boolean delivered(DeliveryTask task, DeliveryOutcome.Delivered delivered, Instant now) {
        return commits.commit(new Finished(new DeliveryQueue.Finished(task, delivered.seq()), delivered.unsavedLink(), now));
    }

    /** A task with nothing to write: only its completion. */
    boolean skipped(DeliveryTask task, long seq, Instant now) {
        return commits.commit(new Finished(new DeliveryQueue.Finished(task, seq), Optional.empty(), now));
    }

    private List<Boolean> commitAll(List<Finished> batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            links.saveAll(batch.stream().flatMap(f -> f.link().stream()).toList());
            Instant now = batch.get(batch.size() - 1).now();
            return queue.completeAll(batch.stream().map(Finished::task).toList(), now);
        });
    }

    private record Finished(DeliveryQueue.Finished task, Optional<TargetLink> link, Instant now) {
    }
}
