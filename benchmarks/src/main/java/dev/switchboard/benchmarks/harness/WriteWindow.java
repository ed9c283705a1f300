package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.sink.ScimSink;

import java.util.List;

/**
 * When the first and the last of a set of writes reached the sinks ({@link System#nanoTime()}),
 * from the sinks' own records per externalId.
 */
public record WriteWindow(long firstNanos, long lastNanos, long writes) {

    /** Each id once per sink; fails if any sink misses one, since then the run did not finish. */
    public static WriteWindow of(List<ScimSink> sinks, List<String> externalIds) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long writes = 0;
        for (ScimSink sink : sinks) {
            for (String id : externalIds) {
                Long at = sink.lastWriteNanos(id);
                if (at == null) {
                    throw new IllegalStateException("sink " + sink.baseUrl() + " has no write for " + id);
                }
                first = Math.min(first, at);
                last = Math.max(last, at);
                writes++;
            }
        }
        return new WriteWindow(first, last, writes);
    }

    public double seconds() {
        return Deadline.seconds(lastNanos - firstNanos);
    }

    public double perSecond() {
        return writes / seconds();
    }
}
