package dev.switchboard.gateway.intake.poll;

import dev.switchboard.gateway.intake.Verification;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Verifies the SETs of one poll batch on as many threads as there are cores, the poll thread
 * included. Signatures are independent, and verifying them was 64 % of the poll thread's CPU in a
 * recording of a 5,000-SET intake (docs/benchmarks.md): with a core to spare, a batch is verified
 * in a fraction of the time. Small batches (the steady trickle of a quiet realm) stay on the poll
 * thread, where a hand-over would cost more than it saves.
 */
@ApplicationScoped
class BatchVerifier {

    /** Below this many SETs per thread, splitting is not worth a hand-over. */
    static final int MIN_PER_THREAD = 32;

    private final int threads;
    private final ExecutorService helpers;

    BatchVerifier() {
        this(Runtime.getRuntime().availableProcessors());
    }

    BatchVerifier(int threads) {
        this.threads = Math.max(1, threads);
        AtomicInteger count = new AtomicInteger();
        this.helpers = Executors.newFixedThreadPool(this.threads, runnable -> {
            Thread thread = new Thread(runnable, "sb-verify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return one verification per token, in the tokens' order */
    List<Verification> verify(List<String> tokens, Function<String, Verification> verifyOne) {
        int parts = Math.min(threads, tokens.size() / MIN_PER_THREAD);
        if (parts <= 1) {
            return tokens.stream().map(verifyOne).toList();
        }
        Verification[] results = new Verification[tokens.size()];
        int size = (tokens.size() + parts - 1) / parts;
        List<Future<?>> others = new ArrayList<>();
        for (int from = size; from < tokens.size(); from += size) {
            int start = from;
            int end = Math.min(tokens.size(), from + size);
            others.add(helpers.submit(() -> verifyRange(tokens, verifyOne, results, start, end)));
        }
        verifyRange(tokens, verifyOne, results, 0, size);
        for (Future<?> other : others) {
            await(other);
        }
        return Arrays.asList(results);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        helpers.shutdownNow();
    }

    private static void verifyRange(List<String> tokens, Function<String, Verification> verifyOne, Verification[] results,
                                    int from, int to) {
        for (int i = from; i < to; i++) {
            results[i] = verifyOne.apply(tokens.get(i));
        }
    }

    private static void await(Future<?> part) {
        try {
            part.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("verifying a batch failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying a batch", e);
        }
    }
}
