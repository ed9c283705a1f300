package dev.switchboard.benchmarks.harness;

import dev.switchboard.testkit.postgres.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL's own counters for one database ({@code pg_stat_database}): transactions and rows
 * touched. The difference of two snapshots divided by the deliveries made in between says how
 * much database work one delivery costs. PostgreSQL publishes these counters with a short delay
 * (stats are flushed about once a second), so take the second snapshot after a pause.
 */
public record DatabaseActivity(long commits, long rollbacks, long rowsReturned, long rowsFetched, long rowsInserted,
                               long rowsUpdated, long rowsDeleted) {

    public static DatabaseActivity of(TestDatabase database) {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("""
                     SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted
                     FROM pg_stat_database WHERE datname = ?""")) {
            s.setString(1, database.name());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no pg_stat_database row for " + database.name());
                }
                return new DatabaseActivity(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading pg_stat_database failed", e);
        }
    }

    /** Per-unit cost between {@code before} and this snapshot, as one line for the report. */
    public String perUnitSince(DatabaseActivity before, long units) {
        double n = units;
        return "%.1f commits, %.1f rows inserted, %.1f updated, %.1f deleted, %.0f rows returned by scans".formatted(
                (commits - before.commits) / n, (rowsInserted - before.rowsInserted) / n,
                (rowsUpdated - before.rowsUpdated) / n, (rowsDeleted - before.rowsDeleted) / n,
                (rowsReturned - before.rowsReturned) / n);
    }
}
