package dev.switchboard.benchmarks.harness;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in the harness: poll at a short interval, give up with a clear error. */
public final class Deadline {

    private Deadline() {
    }

    /**
     * Returns the {@link System#nanoTime()} at which {@code condition} was first seen true.
     *
     * @throws IllegalStateException when it is still false after {@code timeout}; {@code what} says what was awaited
     */
    public static long await(String what, Duration timeout, Duration interval, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(interval.toNanos());
            if (Thread.interrupted()) {
                throw new IllegalStateException("interrupted waiting for " + what);
            }
        }
    }

    public static double seconds(long nanos) {
        return nanos / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
