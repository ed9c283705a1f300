package dev.switchboard.gateway.overview;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the rollup tables ({@code target_minute}, {@code target_activity}) and the
 * aggregate reads of the delivery tables the overview needs. Every statement here is served by an
 * index: the attempt log is only read by time range ({@code delivery_attempt_time}) or by target
 * and time ({@code delivery_attempt_target}).
 */
@ApplicationScoped
public class ActivityStore {

    private static final String MERGE_COUNTS = """
            MERGE INTO target_minute t
            USING (SELECT CAST(? AS VARCHAR(100)) AS target_id, CAST(? AS TIMESTAMP WITH TIME ZONE) AS minute_at,
                          CAST(? AS INTEGER) AS succeeded, CAST(? AS INTEGER) AS failed) s
            ON t.target_id = s.target_id AND t.minute_at = s.minute_at
            WHEN MATCHED THEN UPDATE SET succeeded = s.succeeded, failed = s.failed
            WHEN NOT MATCHED THEN INSERT (target_id, minute_at, succeeded, failed)
                 VALUES (s.target_id, s.minute_at, s.succeeded, s.failed)""";
    private static final String MERGE_BACKLOG = """
            MERGE INTO target_minute t
            USING (SELECT CAST(? AS VARCHAR(100)) AS target_id, CAST(? AS TIMESTAMP WITH TIME ZONE) AS minute_at,
                          CAST(? AS BIGINT) AS backlog) s
            ON t.target_id = s.target_id AND t.minute_at = s.minute_at
            WHEN MATCHED THEN UPDATE SET backlog = s.backlog
            WHEN NOT MATCHED THEN INSERT (target_id, minute_at, succeeded, failed, backlog)
                 VALUES (s.target_id, s.minute_at, 0, 0, s.backlog)""";
    private static final String MERGE_SUCCESS = """
            MERGE INTO target_activity t
            USING (SELECT CAST(? AS VARCHAR(100)) AS target_id, CAST(? AS TIMESTAMP WITH TIME ZONE) AS at) s
            ON t.target_id = s.target_id
            WHEN MATCHED AND (t.last_success_at IS NULL OR t.last_success_at < s.at) THEN UPDATE SET last_success_at = s.at
            WHEN NOT MATCHED THEN INSERT (target_id, last_success_at) VALUES (s.target_id, s.at)""";
    private static final String MERGE_ERROR = """
            MERGE INTO target_activity t
            USING (SELECT CAST(? AS VARCHAR(100)) AS target_id, CAST(? AS TIMESTAMP WITH TIME ZONE) AS at,
                          CAST(? AS VARCHAR(1000)) AS message) s
            ON t.target_id = s.target_id
            WHEN MATCHED AND (t.last_error_at IS NULL OR t.last_error_at < s.at)
                 THEN UPDATE SET last_error_at = s.at, last_error_message = s.message
            WHEN NOT MATCHED THEN INSERT (target_id, last_error_at, last_error_message) VALUES (s.target_id, s.at, s.message)""";

    private final AgroalDataSource dataSource;

    ActivityStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Attempt counts per target in {@code [from, to)}, read through the attempt time index. */
    @Transactional
    public Map<String, MinuteCounts> attemptCounts(Instant from, Instant to) {
        Map<String, MinuteCounts> counts = new HashMap<>();
        query("""
                SELECT target_id, SUM(CASE WHEN outcome = 'ok' THEN 1 ELSE 0 END), SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END)
                FROM delivery_attempt WHERE attempted_at >= ? AND attempted_at < ? GROUP BY target_id""",
                rs -> counts.put(rs.getString(1), new MinuteCounts(rs.getInt(2), rs.getInt(3))), ts(from), ts(to));
        return counts;
    }

    /** The newest successful attempt time per target in {@code [from, to)}. */
    @Transactional
    public Map<String, Instant> lastSuccesses(Instant from, Instant to) {
        Map<String, Instant> found = new HashMap<>();
        query("""
                SELECT target_id, MAX(attempted_at) FROM delivery_attempt
                WHERE attempted_at >= ? AND attempted_at < ? AND outcome = 'ok' GROUP BY target_id""",
                rs -> found.put(rs.getString(1), instant(rs, 2)), ts(from), ts(to));
        return found;
    }

    /** The newest failed attempt per target in {@code [from, to)}, with what it said. */
    @Transactional
    public Map<String, LastError> lastErrors(Instant from, Instant to) {
        Map<String, LastError> found = new HashMap<>();
        // ordered oldest first, so the newest failure of each target is the one left in the map
        query("""
                SELECT target_id, attempted_at, method, path, status, outcome, response_excerpt FROM delivery_attempt
                WHERE attempted_at >= ? AND attempted_at < ? AND outcome <> 'ok' ORDER BY attempted_at, id""",
                rs -> found.put(rs.getString(1), new LastError(instant(rs, 2),
                        ErrorWords.describe(rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                                Optional.ofNullable(rs.getString(7))))),
                ts(from), ts(to));
        return found;
    }

    /** Replaces the counts of one (target, minute); the backlog sample of that minute stays. */
    @Transactional
    public void saveCounts(String targetId, Instant minute, MinuteCounts counts) {
        update(MERGE_COUNTS, targetId, ts(minute), counts.succeeded(), counts.failed());
    }

    @Transactional
    public void saveBacklog(String targetId, Instant minute, long backlog) {
        update(MERGE_BACKLOG, targetId, ts(minute), backlog);
    }

    /** Moves the target's last success forward; an older time changes nothing. */
    @Transactional
    public void saveLastSuccess(String targetId, Instant at) {
        update(MERGE_SUCCESS, targetId, ts(at));
    }

    /** Moves the target's last error forward; an older one changes nothing. */
    @Transactional
    public void saveLastError(String targetId, LastError error) {
        update(MERGE_ERROR, targetId, ts(error.at()), error.message());
    }

    @Transactional
    public int deleteMinutesBefore(Instant cutoff) {
        return update("DELETE FROM target_minute WHERE minute_at < ?", ts(cutoff));
    }

    /** Pending count, dead count and oldest pending enqueue time of every target with work, in one pass. */
    @Transactional
    public Map<String, Backlog> backlogs() {
        Map<String, Backlog> found = new HashMap<>();
        query("""
                SELECT target_id, SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'DEAD' THEN 1 ELSE 0 END),
                       MIN(CASE WHEN status = 'PENDING' THEN first_enqueued_at END)
                FROM delivery_task GROUP BY target_id""",
                rs -> found.put(rs.getString(1), new Backlog(rs.getLong(2), rs.getLong(3),
                        Optional.ofNullable(rs.getObject(4, OffsetDateTime.class)).map(OffsetDateTime::toInstant))));
        return found;
    }

    /** Succeeded and failed per target over the rolled-up minutes since {@code since}. */
    @Transactional
    public Map<String, MinuteCounts> countsSince(Instant since) {
        Map<String, MinuteCounts> counts = new HashMap<>();
        query("SELECT target_id, SUM(succeeded), SUM(failed) FROM target_minute WHERE minute_at >= ? GROUP BY target_id",
                rs -> counts.put(rs.getString(1), new MinuteCounts(rs.getInt(2), rs.getInt(3))), ts(since));
        return counts;
    }

    @Transactional
    public Map<String, Activity> activities() {
        Map<String, Activity> found = new HashMap<>();
        query("SELECT target_id, last_success_at, last_error_at, last_error_message FROM target_activity",
                rs -> {
                    String message = rs.getString(4);
                    found.put(rs.getString(1), new Activity(optionalInstant(rs, 2),
                            optionalInstant(rs, 3).map(at -> new LastError(at, message))));
                });
        return found;
    }

    /** The stored minutes of one target since {@code since}, oldest first; minutes without a row are absent. */
    @Transactional
    public List<MinuteRow> minutes(String targetId, Instant since) {
        List<MinuteRow> rows = new ArrayList<>();
        query("SELECT minute_at, succeeded, failed, backlog FROM target_minute WHERE target_id = ? AND minute_at >= ? ORDER BY minute_at",
                rs -> {
                    long backlog = rs.getLong(4);
                    rows.add(new MinuteRow(instant(rs, 1), new MinuteCounts(rs.getInt(2), rs.getInt(3)),
                            rs.wasNull() ? Optional.empty() : Optional.of(backlog)));
                }, targetId, ts(since));
        return rows;
    }

    /** Counts of one minute. */
    public record MinuteCounts(int succeeded, int failed) {
        static final MinuteCounts NONE = new MinuteCounts(0, 0);
    }

    public record LastError(Instant at, String message) {
    }

    public record Activity(Optional<Instant> lastSuccessAt, Optional<LastError> lastError) {
        static final Activity NONE = new Activity(Optional.empty(), Optional.empty());
    }

    public record Backlog(long pending, long dead, Optional<Instant> oldestPending) {
        static final Backlog NONE = new Backlog(0, 0, Optional.empty());
    }

    /** @param backlog absent when no sample was taken in that minute */
    public record MinuteRow(Instant minute, MinuteCounts counts, Optional<Long> backlog) {
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading console activity failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing console activity failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
