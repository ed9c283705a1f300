package dev.switchboard.keycloak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.switchboard.keycloak.outbox.RealmBacklog;
import dev.switchboard.testkit.time.MutableClock;

class OutboxMetricsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final Map<String, RealmBacklog> database = new HashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OutboxMetrics metrics = new OutboxMetrics(registry, new OutboxCensus(() -> {
        queries.incrementAndGet();
        return Map.copyOf(database);
    }, clock, Duration.ofSeconds(1)));

    @Test
    void countersAreKeptPerRealm() {
        metrics.served("hub", 3);
        metrics.served("hub", 2);
        metrics.served("other", 1);
        metrics.acknowledged("hub", 4);
        metrics.deadLettered("hub", 1);
        metrics.appended("other", 7);

        assertThat(registry.get(OutboxMetrics.SERVED).tag("realm", "hub").counter().count()).isEqualTo(5);
        assertThat(registry.get(OutboxMetrics.SERVED).tag("realm", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get(OutboxMetrics.ACKNOWLEDGED).tag("realm", "hub").counter().count()).isEqualTo(4);
        assertThat(registry.get(OutboxMetrics.DEAD_LETTERED).tag("realm", "hub").counter().count()).isEqualTo(1);
        assertThat(registry.get(OutboxMetrics.APPENDED).tag("realm", "other").counter().count()).isEqualTo(7);
    }

    @Test
    void gaugesAppearWithTheRealmsFirstActivity_andReadTheDatabaseBacklog() {
        assertThat(registry.find(OutboxMetrics.DEPTH).gauges()).isEmpty();
        database.put("hub", new RealmBacklog(12, 2));

        metrics.served("hub", 0);

        assertThat(registry.get(OutboxMetrics.DEPTH).tag("realm", "hub").gauge().value()).isEqualTo(12);
        assertThat(registry.get(OutboxMetrics.DEAD).tag("realm", "hub").gauge().value()).isEqualTo(2);
    }

    @Test
    void aRealmWithoutRows_reportsZeroDepth() {
        metrics.acknowledged("quiet", 0);

        assertThat(registry.get(OutboxMetrics.DEPTH).tag("realm", "quiet").gauge().value()).isZero();
    }

    @Test
    void oneDatabaseReadingServesAllGauges_untilItIsOlderThanMaxAge() {
        database.put("hub", new RealmBacklog(5, 0));
        metrics.served("hub", 1);
        metrics.served("other", 1);
        registry.get(OutboxMetrics.DEPTH).gauges().forEach(gauge -> gauge.value());
        registry.get(OutboxMetrics.DEAD).gauges().forEach(gauge -> gauge.value());
        assertThat(queries).hasValue(1);

        database.put("hub", new RealmBacklog(9, 0));
        clock.advance(Duration.ofMillis(999));
        assertThat(registry.get(OutboxMetrics.DEPTH).tag("realm", "hub").gauge().value()).isEqualTo(5);

        clock.advance(Duration.ofMillis(1));
        assertThat(registry.get(OutboxMetrics.DEPTH).tag("realm", "hub").gauge().value()).isEqualTo(9);
        assertThat(queries).hasValue(2);
    }
}
