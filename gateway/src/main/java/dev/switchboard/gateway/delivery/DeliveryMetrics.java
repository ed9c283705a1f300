package dev.switchboard.gateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code switchboard_delivery_*} meters: remote calls by outcome with a latency histogram, task
 * outcomes, and per-target backlog gauges refreshed by the worker.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<CallKey, CallMeters> callMeters = new ConcurrentHashMap<>();
    private final Map<CallKey, Counter> taskCounters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldestPendingSeconds = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void call(String targetId, String outcome, Duration latency) {
        // looked up once per (target, outcome): building and registering a meter on every call cost more than the call's bookkeeping
        CallMeters meters = callMeters.computeIfAbsent(new CallKey(targetId, outcome), key -> new CallMeters(
                Counter.builder("switchboard.delivery.attempts").description("Remote SCIM calls by outcome")
                        .tag("target", key.targetId()).tag("outcome", key.outcome()).register(registry),
                Timer.builder("switchboard.delivery.request").description("Latency of remote SCIM calls")
                        .tag("target", key.targetId()).publishPercentileHistogram().register(registry)));
        meters.attempts().increment();
        meters.latency().record(latency);
    }

    public void task(String targetId, String outcome) {
        taskCounters.computeIfAbsent(new CallKey(targetId, outcome), key -> Counter.builder("switchboard.delivery.tasks")
                .description("Finished work on a (target, subject) by outcome")
                .tag("target", key.targetId()).tag("outcome", key.outcome()).register(registry)).increment();
    }

    public void backlog(String targetId, long pending, long oldestSeconds) {
        backlog.computeIfAbsent(targetId, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("switchboard.delivery.backlog", value, AtomicLong::get).description("Pending tasks")
                    .tag("target", id).register(registry);
            return value;
        }).set(pending);
        oldestPendingSeconds.computeIfAbsent(targetId, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("switchboard.delivery.oldest.pending.seconds", value, AtomicLong::get)
                    .description("Age of the oldest pending change").tag("target", id).register(registry);
            return value;
        }).set(oldestSeconds);
    }

    private record CallKey(String targetId, String outcome) {
    }

    private record CallMeters(Counter attempts, Timer latency) {
    }
}
