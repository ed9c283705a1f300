package dev.switchboard.benchmarks.console;

import dev.switchboard.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator against the gateway's real schema (its Flyway scripts, applied in order). */
class ConsoleDataGeneratorTest {

    private static final Path MIGRATIONS = Path.of("../gateway/src/main/resources/db/migration");
    private TestDatabase database;

    @BeforeEach
    void migratedDatabase() throws IOException, SQLException {
        database = TestDatabase.create("sb_console_gen");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            scripts = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (Path script : scripts) {
                s.execute(Files.readString(script));
            }
        }
    }

    private static int version(Path script) {
        String name = script.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    @AfterEach
    void drop() {
        database.close();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void smallSpec_writesEveryTable_andTheRollupAddsUpToTheAttempts() throws Exception {
        ConsoleDataGenerator.Spec spec = new ConsoleDataGenerator.Spec(10, 500, 5_000, Duration.ofDays(7), 7);
        ConsoleDataGenerator.Summary summary;
        try (Connection c = database.connect()) {
            summary = new ConsoleDataGenerator(spec, Instant.parse("2026-11-30T12:00:00Z")).fill(c);

            assertThat(count(c, "SELECT COUNT(*) FROM subject_state WHERE subject_type = 'USER'")).isEqualTo(500);
            assertThat(count(c, "SELECT COUNT(*) FROM inbound_event")).isEqualTo(500);
            assertThat(count(c, "SELECT COUNT(*) FROM delivery_attempt")).isEqualTo(5_000);
            assertThat(count(c, "SELECT SUM(succeeded + failed) FROM target_minute")).isEqualTo(5_000);
            assertThat(count(c, "SELECT COUNT(DISTINCT target_id) FROM delivery_attempt")).isLessThanOrEqualTo(10);
            assertThat(count(c, "SELECT COUNT(*) FROM target_link")).isEqualTo(summary.links());
            assertThat(count(c, "SELECT COUNT(*) FROM delivery_task WHERE status = 'PENDING'")).isEqualTo(summary.pending());
            assertThat(count(c, "SELECT COUNT(*) FROM delivery_task WHERE status = 'DEAD'")).isEqualTo(summary.dead());
            assertThat(count(c, "SELECT COUNT(*) FROM target_activity WHERE last_success_at IS NOT NULL")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM delivery_attempt WHERE attempted_at > TIMESTAMP WITH TIME ZONE '2026-11-30 12:00:00+00'"))
                    .isZero();
        }
        assertThat(summary.pending()).isPositive();
        assertThat(summary.dead()).isPositive();
    }

    @Test
    void targetsYaml_declaresEveryGeneratedTarget() {
        String yaml = ConsoleDataGenerator.targetsYaml(3);

        assertThat(yaml).contains("id: app-01").contains("id: app-02").contains("id: app-03").doesNotContain("app-04");
    }
}
