package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.subject.SubjectKey;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's H2 statements (the embedded default) on a real H2 in PostgreSQL mode, migrated by the
 * same Flyway scripts. Plain JUnit: each statement runs in auto-commit, which is enough to prove
 * the SQL and its semantics.
 */
class H2QueueDialectTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private DeliveryQueue queue;
    private JdbcDataSource dataSource;

    @BeforeEach
    void migratedDatabase() {
        dataSource = MigratedH2.create();
        queue = new DeliveryQueue(dataSource, "h2");
    }

    @Test
    void upsert_coalescesOnOneRowAndKeepsTheHighestSeq() {
        SubjectKey key = userKey("u1");

        queue.enqueue("app", key, 4, T0);
        queue.enqueue("app", key, 9, T0.plusSeconds(1));
        queue.enqueue("app", key, 2, T0.plusSeconds(2));

        DeliveryTask task = queue.find("app", key).orElseThrow();
        assertThat(task.wantedSeq()).isEqualTo(9);
        assertThat(task.firstEnqueuedAt()).isEqualTo(T0);
        assertThat(queue.backlog("app").pending()).isEqualTo(1);
    }

    @Test
    void claim_takesDueRowsOnce_andDeadLetterComesBackOnNewChange() {
        queue.enqueue("app", userKey("a"), 1, T0);
        queue.enqueue("app", userKey("b"), 1, T0.plusSeconds(100));

        List<DeliveryTask> claimed = queue.claim("app", 10, T0.plusSeconds(1), T0.plusSeconds(60), "w1");

        assertThat(claimed).extracting(DeliveryTask::key).containsExactly(userKey("a"));
        assertThat(queue.claim("app", 10, T0.plusSeconds(2), T0.plusSeconds(60), "w2")).isEmpty();
        queue.deadLetter(claimed.get(0), 5, "gave up", T0.plusSeconds(3));
        queue.enqueue("app", userKey("a"), 2, T0.plusSeconds(4));
        DeliveryTask revived = queue.find("app", userKey("a")).orElseThrow();
        assertThat(revived.status()).isEqualTo(DeliveryTask.TaskStatus.PENDING);
        assertThat(revived.attempts()).isZero();
    }

    @Test
    void enqueueAll_addsEveryStoredSubjectOnce() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO subject_state (source_id, subject_type, subject_id, seq, deleted, "
                     + "snapshot, updated_at) VALUES ('hub', 'USER', ?, ?, FALSE, '{}', ?)")) {
            for (int i = 1; i <= 3; i++) {
                ps.setString(1, "s" + i);
                ps.setLong(2, i * 10L);
                ps.setObject(3, T0.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        }
        queue.enqueue("app", userKey("s1"), 5, T0);

        assertThat(queue.enqueueAll("app", T0.plusSeconds(1))).isEqualTo(3);

        assertThat(queue.backlog("app").pending()).isEqualTo(3);
        assertThat(queue.find("app", userKey("s1")).orElseThrow().wantedSeq()).isEqualTo(10);
    }
}
