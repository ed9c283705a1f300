package dev.switchboard.gateway.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.planner.SubjectState;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.Snapshot;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.Tombstone;
import dev.switchboard.gateway.subject.UserSnapshot;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads the newest stored state of a subject (intake owns the table). Work always uses this,
 * never the event that enqueued it, so coalesced changes are delivered as one.
 */
@ApplicationScoped
public class SubjectStateReader {

    /** Tasks in flight at once are a few hundred at most; this holds every change they deliver. */
    private static final int PARSED_SNAPSHOTS = 4096;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final ParsedSnapshots parsed = new ParsedSnapshots(PARSED_SNAPSHOTS);

    SubjectStateReader(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Outside a transaction unless the caller has one: one round trip on an auto-commit connection. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SubjectState> find(SubjectKey key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT seq, deleted, snapshot FROM subject_state WHERE source_id = ? AND subject_type = ? AND subject_id = ?")) {
            ps.setString(1, key.sourceId());
            ps.setString(2, key.type().name());
            ps.setString(3, key.subjectId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(state(key, rs.getLong("seq"), rs.getBoolean("deleted"), rs.getString("snapshot")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading subject_state failed for source=" + key.sourceId() + " type=" + key.type(), e);
        }
    }

    /** The state from a row's columns: for queries that read {@code subject_state} joined with others (the claim). */
    SubjectState state(SubjectKey key, long seq, boolean deleted, String snapshotText) {
        try {
            return new SubjectState(key, seq, deleted, parsed.get(new ParsedSnapshots.Key(key, seq, deleted),
                    () -> snapshot(key.type(), deleted, snapshotText)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reading subject_state failed for source=" + key.sourceId() + " type=" + key.type(), e);
        }
    }

    private Snapshot snapshot(SubjectType type, boolean deleted, String text) throws JsonProcessingException {
        Class<? extends Snapshot> kind = deleted ? Tombstone.class : type == SubjectType.USER ? UserSnapshot.class : GroupSnapshot.class;
        return json.readValue(text, kind);
    }
}
