package dev.switchboard.gateway.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-source intake counters: {@code switchboard_intake_sets_received_total},
 * {@code _accepted_total{outcome}}, {@code _refused_total{err}} and
 * {@code switchboard_intake_last_success_seconds} (epoch seconds of the last good poll or push).
 */
@ApplicationScoped
public class IntakeMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String source, Channel channel, int count) {
        Counter.builder("switchboard.intake.sets.received")
                .tag("source", source).tag("channel", channel.name().toLowerCase())
                .register(registry).increment(count);
    }

    public void accepted(String source, Acceptance acceptance) {
        Counter.builder("switchboard.intake.sets.accepted")
                .tag("source", source).tag("outcome", acceptance.name().toLowerCase())
                .register(registry).increment();
    }

    public void refused(String source, SetError error) {
        Counter.builder("switchboard.intake.sets.refused")
                .tag("source", source).tag("err", error.code().wire())
                .register(registry).increment();
    }

    public void succeeded(String source, Instant at) {
        lastSuccess.computeIfAbsent(source, s -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("switchboard.intake.last.success.seconds", holder, AtomicLong::doubleValue)
                    .tag("source", s).register(registry);
            return holder;
        }).set(at.getEpochSecond());
    }
}
