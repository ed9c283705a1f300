package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static org.assertj.core.api.Assertions.assertThat;

/** The backlog gauges, and a refresh that fires while the process stops (once an ERROR in the shutdown log). */
class BacklogMonitorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private JdbcDataSource dataSource;
    private DeliveryQueue queue;
    private BacklogMonitor monitor;

    @BeforeEach
    void monitorOverAnH2Queue() {
        dataSource = MigratedH2.create();
        queue = new DeliveryQueue(dataSource, "h2");
        TargetDefinition app = DeliveryScenario.target("app", DeprovisionMode.DELETE, false);
        TargetRegistry targets = new TargetRegistry() {
            @Override
            public List<TargetDefinition> all() {
                return List.of(app);
            }

            @Override
            public Optional<TargetDefinition> byId(String id) {
                return Optional.of(app).filter(t -> t.id().equals(id));
            }
        };
        monitor = new BacklogMonitor(targets, queue, new DeliveryMetrics(registry),
                new DeliveryTime(Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC), RandomGenerator.getDefault()));
    }

    @Test
    void refresh_setsPendingCountAndAgeOfTheOldestChange() {
        queue.enqueue("app", userKey("a"), 1, T0);
        queue.enqueue("app", userKey("b"), 1, T0.plusSeconds(10));

        monitor.refresh();

        assertThat(registry.get("switchboard.delivery.backlog").tag("target", "app").gauge().value()).isEqualTo(2);
        assertThat(registry.get("switchboard.delivery.oldest.pending.seconds").tag("target", "app").gauge().value()).isEqualTo(30);
    }

    @Test
    void refreshAfterShutdown_queriesNothing_evenThoughTheDatabaseIsGone() throws SQLException {
        monitor.stop(null);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }

        monitor.refresh();

        assertThat(registry.find("switchboard.delivery.backlog").gauge()).isNull();
    }
}
