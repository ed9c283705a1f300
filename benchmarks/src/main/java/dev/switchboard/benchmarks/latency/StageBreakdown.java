package dev.switchboard.benchmarks.latency;

import dev.switchboard.benchmarks.harness.Deadline;
import dev.switchboard.benchmarks.harness.ResultTable;
import dev.switchboard.benchmarks.sink.ScimSink;
import dev.switchboard.testkit.postgres.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the latency goes, from what the gateway itself recorded: {@code inbound_event.received_at}
 * (taken when the verified poll batch starts to be stored) and {@code delivery_attempt.attempted_at} minus
 * its {@code latency_ms} (the SCIM call started). Those are wall-clock times of the gateway
 * process, converted to this JVM's {@code nanoTime} through one reference point (same machine,
 * same system clock; the attempt log has millisecond precision).
 * <ol>
 *   <li>handover: available at the transmitter → stored by the gateway (long poll answer, HTTP, verify);</li>
 *   <li>store + dispatch: store started → SCIM call started (store in one transaction, commit,
 *       wake the dispatcher, claim, read state and link, plan);</li>
 *   <li>SCIM call: call started → write arrived at the sink.</li>
 * </ol>
 */
final class StageBreakdown {

    private final long referenceNanos;
    private final Instant referenceWall;

    /** Call right before the measured events are sent: fixes the wall-clock/nanoTime pair. */
    StageBreakdown() {
        this.referenceNanos = System.nanoTime();
        this.referenceWall = Instant.now();
    }

    void addTo(ResultTable table, TestDatabase database, List<ScimSink> sinks, List<String> targetIds,
               List<String> ids, long[] available) {
        try (Connection c = database.connect()) {
            Map<String, Long> received = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT subject_id, received_at FROM inbound_event WHERE subject_id LIKE 'lat-%'");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    received.put(rs.getString(1), nanos(rs.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
            long expectedAttempts = (long) ids.size() * sinks.size();
            Deadline.await("attempt log written", Duration.ofSeconds(30), Duration.ofMillis(200),
                    () -> count(c) >= expectedAttempts);
            Map<String, Long> callStarted = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT target_id, subject_id, attempted_at, latency_ms FROM delivery_attempt
                    WHERE subject_id LIKE 'lat-%' AND method = 'POST'""");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long end = nanos(rs.getObject(3, OffsetDateTime.class).toInstant());
                    callStarted.put(rs.getString(1) + "/" + rs.getString(2), end - rs.getLong(4) * 1_000_000);
                }
            }
            List<Long> handover = new ArrayList<>();
            List<Long> storeAndDispatch = new ArrayList<>();
            List<Long> call = new ArrayList<>();
            for (int t = 0; t < sinks.size(); t++) {
                for (int i = 0; i < ids.size(); i++) {
                    Long got = received.get(ids.get(i));
                    Long started = callStarted.get(targetIds.get(t) + "/" + ids.get(i));
                    Long written = sinks.get(t).lastWriteNanos(ids.get(i));
                    if (got == null || started == null || written == null) {
                        continue;
                    }
                    handover.add(got - available[i]);
                    storeAndDispatch.add(started - got);
                    call.add(written - started);
                }
            }
            table.add("stage 1 handover (available -> received) p50 / p95", p50p95(handover))
                    .add("stage 2 store+dispatch (received -> call start) p50 / p95", p50p95(storeAndDispatch))
                    .add("stage 3 SCIM call (start -> sink) p50 / p95", p50p95(call))
                    .add("writes with all three stages known", String.valueOf(call.size()));
        } catch (SQLException | RuntimeException e) {
            table.add("stage breakdown", "n/a (" + e.getMessage() + ")");
        }
    }

    private long nanos(Instant wall) {
        return referenceNanos + Duration.between(referenceWall, wall).toNanos();
    }

    private static long count(Connection c) {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM delivery_attempt WHERE subject_id LIKE 'lat-%'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting attempts failed", e);
        }
    }

    private static String p50p95(List<Long> values) {
        if (values.isEmpty()) {
            return "n/a";
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return "%.1f / %.1f ms".formatted(LatencyBenchmark.percentile(sorted, 50) / 1e6,
                LatencyBenchmark.percentile(sorted, 95) / 1e6);
    }
}
