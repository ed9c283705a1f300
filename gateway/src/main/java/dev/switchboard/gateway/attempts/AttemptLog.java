package dev.switchboard.gateway.attempts;

import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
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
import java.util.List;
import java.util.Optional;

/** Stores and reads {@code delivery_attempt}. Callers pass excerpts already redacted. */
@ApplicationScoped
public class AttemptLog {

    private final AgroalDataSource dataSource;

    AttemptLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Written in its own transaction: the log keeps the attempts even when the work rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(List<Attempt> batch) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO delivery_attempt (target_id, source_id, subject_type, subject_id, method, path, status,
                            latency_ms, outcome, request_excerpt, response_excerpt, attempted_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Attempt attempt : batch) {
                ps.setString(1, attempt.targetId());
                ps.setString(2, attempt.key().sourceId());
                ps.setString(3, attempt.key().type().name());
                ps.setString(4, attempt.key().subjectId());
                ps.setString(5, attempt.method());
                ps.setString(6, attempt.path().length() <= 500 ? attempt.path() : attempt.path().substring(0, 500));
                ps.setInt(7, attempt.status());
                ps.setLong(8, attempt.latencyMillis());
                ps.setString(9, attempt.outcome());
                ps.setString(10, attempt.requestExcerpt().orElse(null));
                ps.setString(11, attempt.responseExcerpt().orElse(null));
                ps.setObject(12, attempt.attemptedAt().atOffset(ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("recording %d attempts failed".formatted(batch.size()), e);
        }
    }

    /** Newest first. */
    @Transactional
    public List<Attempt> ofTarget(String targetId, int limit) {
        return query("SELECT * FROM delivery_attempt WHERE target_id = ? ORDER BY attempted_at DESC, id DESC LIMIT ?", targetId, limit);
    }

    /** Newest first. */
    @Transactional
    public List<Attempt> ofSubject(SubjectKey key, int limit) {
        return query("SELECT * FROM delivery_attempt WHERE source_id = ? AND subject_type = ? AND subject_id = ? "
                + "ORDER BY attempted_at DESC, id DESC LIMIT ?", key.sourceId(), key.type().name(), key.subjectId(), limit);
    }

    /** Successful and failed attempts of a target since {@code since}. */
    @Transactional
    public Counts countsSince(String targetId, Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT SUM(CASE WHEN outcome = 'ok' THEN 1 ELSE 0 END), SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END),
                            MAX(CASE WHEN outcome = 'ok' THEN attempted_at END)
                     FROM delivery_attempt WHERE target_id = ? AND attempted_at >= ?""")) {
            ps.setString(1, targetId);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting attempts failed for target=" + targetId, e);
        }
    }

    /** The newest attempt of a target with the given success, for "last success / last error". */
    @Transactional
    public Optional<Attempt> latest(String targetId, boolean success) {
        String condition = success ? "outcome = 'ok'" : "outcome <> 'ok'";
        return query("SELECT * FROM delivery_attempt WHERE target_id = ? AND " + condition
                + " ORDER BY attempted_at DESC, id DESC LIMIT ?", targetId, 1).stream().findFirst();
    }

    /** Retention: removes attempts older than {@code cutoff}; returns how many. */
    @Transactional
    public int deleteOlderThan(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_attempt WHERE attempted_at < ?")) {
            ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("attempt retention failed", e);
        }
    }

    public record Counts(long succeeded, long failed) {
    }

    private List<Attempt> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Attempt> attempts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.add(new Attempt(
                            rs.getLong("id"),
                            rs.getString("target_id"),
                            new SubjectKey(rs.getString("source_id"), SubjectType.valueOf(rs.getString("subject_type")),
                                    rs.getString("subject_id")),
                            rs.getString("method"),
                            rs.getString("path"),
                            rs.getInt("status"),
                            rs.getLong("latency_ms"),
                            rs.getString("outcome"),
                            Optional.ofNullable(rs.getString("request_excerpt")),
                            Optional.ofNullable(rs.getString("response_excerpt")),
                            rs.getObject("attempted_at", OffsetDateTime.class).toInstant()));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new IllegalStateException("reading attempts failed", e);
        }
    }
}
