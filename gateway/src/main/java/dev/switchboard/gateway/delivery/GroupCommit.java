package dev.switchboard.gateway.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Commits the writes of many threads together. A caller hands over its item and waits until it is
 * committed; whoever finds no commit running takes every item waiting (at most {@code maxBatch})
 * and commits them in one transaction, so while one commit runs the next batch gathers by itself:
 * no timer, no thread of its own. A batch that fails is retried item by item, so one bad item
 * fails only its own caller.
 *
 * @param <T> an item to write
 * @param <R> what writing one item returns to its caller
 */
final class GroupCommit<T, R> {

    private final Function<List<T>, List<R>> commitBatch;
    private final int maxBatch;
    private final BlockingQueue<Pending<T, R>> waiting = new LinkedBlockingQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    /**
     * @param commitBatch writes the items in one transaction and returns one result per item, in order
     * @param maxBatch    most items per transaction
     */
    GroupCommit(Function<List<T>, List<R>> commitBatch, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.commitBatch = commitBatch;
        this.maxBatch = maxBatch;
    }

    /** Writes {@code item} with whatever else is waiting; returns once it is committed, or throws what failed it. */
    R commit(T item) {
        Pending<T, R> mine = new Pending<>(item, new CompletableFuture<>());
        waiting.add(mine);
        while (!mine.result().isDone()) {
            committing.lock();
            try {
                if (!mine.result().isDone()) {
                    List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
                    waiting.drainTo(batch, maxBatch);
                    write(batch);
                }
            } finally {
                committing.unlock();
            }
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Items handed over and not taken into a batch yet. */
    int waiting() {
        return waiting.size();
    }

    private void write(List<Pending<T, R>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<R> results = commitBatch.apply(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(batchFailed);
                return;
            }
            for (Pending<T, R> one : batch) {
                try {
                    one.result().complete(commitBatch.apply(List.of(one.item())).get(0));
                } catch (RuntimeException failed) {
                    one.result().completeExceptionally(failed);
                }
            }
        }
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }
}
