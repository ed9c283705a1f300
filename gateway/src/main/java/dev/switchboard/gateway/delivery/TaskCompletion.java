package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.links.LinkStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Records a delivered task: the link of its last write and the task's completion in one commit
 * instead of two (each commit is a WAL flush, and this runs once per delivered write). A crash
 * before this commit leaves both undone, as a crash after the write and before the link save
 * always could: the task runs again and adopts what the app already holds.
 */
@ApplicationScoped
class TaskCompletion {

    private final LinkStore links;
    private final DeliveryQueue queue;

    TaskCompletion(LinkStore links, DeliveryQueue queue) {
        this.links = links;
        this.queue = queue;
    }

    /** @return true when the task row was removed (see {@link DeliveryQueue#complete}) */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean delivered(DeliveryTask task, DeliveryOutcome.Delivered delivered, Instant now) {
        delivered.unsavedLink().ifPresent(links::save);
        return queue.complete(task, delivered.seq(), now);
    }
}
