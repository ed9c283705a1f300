package dev.switchboard.gateway.subject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The newest state of each subject ({@code subject_state}). Writes follow highest-sequence-wins:
 * a snapshot replaces the stored one only when its {@code seq} is higher, so duplicates and
 * reordered deliveries never move a subject backwards.
 */
@ApplicationScoped
public class SubjectStore {

    private static final String UPDATE_IF_NEWER = """
            UPDATE subject_state SET seq = ?, deleted = ?, snapshot = ?, username = ?, email = ?, updated_at = ?
            WHERE source_id = ? AND subject_type = ? AND subject_id = ? AND seq < ?""";
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO subject_state (seq, deleted, snapshot, username, email, updated_at, source_id, subject_type, subject_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String SELECT = """
            SELECT seq, deleted, snapshot FROM subject_state WHERE source_id = ? AND subject_type = ? AND subject_id = ?""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    SubjectStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Stores {@code snapshot} as the subject's state if {@code seq} is higher than the stored one.
     * Must run inside the caller's transaction, so the state and whatever the caller records with
     * it commit together.
     *
     * @return true when the stored state moved to {@code seq}; false when it already was at or past it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyIfNewer(SubjectKey key, long seq, Snapshot snapshot, Instant now) {
        Row row = new Row(key, seq, snapshot, serialize(snapshot), now);
        try (Connection c = dataSource.getConnection()) {
            if (execute(c, UPDATE_IF_NEWER, row, true) == 1) {
                return true;
            }
            if (execute(c, INSERT_IF_ABSENT, row, false) == 1) {
                return true;
            }
            // Another transaction inserted the row between our update and insert; its row is now
            // committed and visible to a new statement, so compare against it once more.
            return execute(c, UPDATE_IF_NEWER, row, true) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("storing subject_state failed for %s: %s".formatted(key, e.getMessage()), e);
        }
    }

    /** The stored state, if the subject was ever accepted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StoredSubject> find(SubjectKey key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setString(1, key.sourceId());
            s.setString(2, key.type().name());
            s.setString(3, key.subjectId());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredSubject(key, rs.getLong(1), rs.getBoolean(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading subject_state failed for %s: %s".formatted(key, e.getMessage()), e);
        }
    }

    /**
     * One stored subject.
     *
     * @param snapshotJson the {@link Snapshot} record as JSON: a {@link Tombstone} when {@code deleted},
     *                     otherwise a {@link UserSnapshot} or {@link GroupSnapshot} per the key's type
     */
    public record StoredSubject(SubjectKey key, long seq, boolean deleted, String snapshotJson) {
    }

    private static int execute(Connection c, String sql, Row row, boolean withSeqGuard) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, row.seq);
            s.setBoolean(2, row.snapshot instanceof Tombstone);
            s.setString(3, row.json);
            s.setString(4, row.username());
            s.setString(5, row.email());
            s.setTimestamp(6, Timestamp.from(row.now));
            s.setString(7, row.key.sourceId());
            s.setString(8, row.key.type().name());
            s.setString(9, row.key.subjectId());
            if (withSeqGuard) {
                s.setLong(10, row.seq);
            }
            return s.executeUpdate();
        }
    }

    private String serialize(Snapshot snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot of " + snapshot.id() + " cannot be serialized", e);
        }
    }

    private record Row(SubjectKey key, long seq, Snapshot snapshot, String json, Instant now) {

        /** Searchable copy for the console: users and user tombstones only. */
        String username() {
            if (snapshot instanceof UserSnapshot u) {
                return u.username();
            }
            if (snapshot instanceof Tombstone t && t.type() == SubjectType.USER) {
                return t.username();
            }
            return null;
        }

        String email() {
            if (snapshot instanceof UserSnapshot u) {
                return u.email();
            }
            if (snapshot instanceof Tombstone t) {
                return t.email();
            }
            return null;
        }
    }
}
