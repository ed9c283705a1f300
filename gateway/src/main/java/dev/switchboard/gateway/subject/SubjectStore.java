package dev.switchboard.gateway.subject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    /**
     * PostgreSQL: many rows in one statement; a row replaces the stored one only when its seq is higher,
     * and RETURNING names the rows that were inserted or moved forward.
     */
    private static final String UPSERT_NEWER_HEAD = """
            INSERT INTO subject_state (seq, deleted, snapshot, username, email, updated_at, source_id, subject_type, subject_id)
            VALUES """;
    private static final String UPSERT_NEWER_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_NEWER_TAIL = """
             ON CONFLICT (source_id, subject_type, subject_id) DO UPDATE SET
              seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, snapshot = EXCLUDED.snapshot, username = EXCLUDED.username,
              email = EXCLUDED.email, updated_at = EXCLUDED.updated_at
            WHERE subject_state.seq < EXCLUDED.seq
            RETURNING source_id, subject_type, subject_id""";
    /** Rows per multi-row statement: 9 parameters each, well below the driver's 32,767. */
    private static final int ROWS_PER_STATEMENT = 500;
    private static final String SELECT = """
            SELECT seq, deleted, snapshot FROM subject_state WHERE source_id = ? AND subject_type = ? AND subject_id = ?""";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final boolean multiRowUpsert;

    SubjectStore(DataSource dataSource, ObjectMapper json, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.json = json;
        this.multiRowUpsert = dbKind.toLowerCase().startsWith("postgres");
    }

    /** A snapshot to store if it is newer than the stored one. */
    public record Change(SubjectKey key, long seq, Snapshot snapshot) {
    }

    /**
     * {@link #applyIfNewer} for many subjects at once: on PostgreSQL one statement per 500 subjects
     * instead of two or three per subject; elsewhere (H2) one subject after the other. Of several
     * changes for one subject only the highest seq is considered.
     *
     * @return the subjects whose stored state moved to the given change's seq
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<SubjectKey> applyNewest(Collection<Change> changes, Instant now) {
        Map<SubjectKey, Change> newest = new LinkedHashMap<>();
        changes.forEach(change -> newest.merge(change.key(), change, (a, b) -> a.seq() >= b.seq() ? a : b));
        // one lock order for every writer, so two batches touching the same subjects cannot deadlock
        List<Row> rows = newest.values().stream()
                .sorted(Comparator.comparing((Change c) -> c.key().sourceId()).thenComparing(c -> c.key().type())
                        .thenComparing(c -> c.key().subjectId()))
                .map(c -> new Row(c.key(), c.seq(), c.snapshot(), serialize(c.snapshot()), now))
                .toList();
        Set<SubjectKey> moved = new HashSet<>();
        if (!multiRowUpsert) {
            rows.stream().filter(row -> applyIfNewer(row.key, row.seq, row.snapshot, now)).forEach(row -> moved.add(row.key));
            return moved;
        }
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
                String sql = UPSERT_NEWER_HEAD + String.join(", ", Collections.nCopies(chunk.size(), UPSERT_NEWER_ROW))
                        + UPSERT_NEWER_TAIL;
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    int index = 0;
                    for (Row row : chunk) {
                        bindRow(s, row, index);
                        index += 9;
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            moved.add(new SubjectKey(rs.getString(1), SubjectType.valueOf(rs.getString(2)), rs.getString(3)));
                        }
                    }
                }
            }
            return moved;
        } catch (SQLException e) {
            throw new IllegalStateException("storing %d subject states failed: %s".formatted(rows.size(), e.getMessage()), e);
        }
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
            bindRow(s, row, 0);
            if (withSeqGuard) {
                s.setLong(10, row.seq);
            }
            return s.executeUpdate();
        }
    }

    /** Binds the nine columns of {@code row} from parameter {@code offset + 1} on. */
    private static void bindRow(PreparedStatement s, Row row, int offset) throws SQLException {
        s.setLong(offset + 1, row.seq);
        s.setBoolean(offset + 2, row.snapshot instanceof Tombstone);
        s.setString(offset + 3, row.json);
        s.setString(offset + 4, row.username());
        s.setString(offset + 5, row.email());
        s.setTimestamp(offset + 6, Timestamp.from(row.now));
        s.setString(offset + 7, row.key.sourceId());
        s.setString(offset + 8, row.key.type().name());
        s.setString(offset + 9, row.key.subjectId());
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
