package dev.switchboard.benchmarks.harness;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.switchboard.testkit.postgres.TestDatabase;

/**
 * Upkeep a production PostgreSQL does on its own, done between measured rounds instead. The
 * machine's server runs with autovacuum off and checkpoints once per gigabyte of WAL: without
 * this, Keycloak's tables are never analysed nor vacuumed while the benchmark fills them, and
 * PostgreSQL spent 4–6 ms of CPU per created user (0.5–1 ms with it), a fixed cost that hid the
 * extension's share of the rate; and whichever round met a checkpoint paid for it. Both
 * statements run outside the timed rounds and touch every realm alike.
 */
public final class DatabaseUpkeep {

    private final TestDatabase database;

    public DatabaseUpkeep(TestDatabase database) {
        this.database = database;
    }

    /** Dead rows reclaimed and planner statistics refreshed, as autovacuum would keep them. */
    public void vacuumAnalyze() {
        run("VACUUM (ANALYZE)");
    }

    /** Dirty pages written now, so the next round does not meet a checkpoint half-way. */
    public void checkpoint() {
        run("CHECKPOINT");
    }

    private void run(String statement) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " on " + database.name() + " failed", e);
        }
    }
}
