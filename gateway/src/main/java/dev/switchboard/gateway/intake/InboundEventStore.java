package dev.switchboard.gateway.intake;

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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code inbound_event} table: every accepted SET as received. Its unique (source, jti)
 * constraint is the replay guard, also across replicas that happen to store the same SET at once.
 */
@ApplicationScoped
public class InboundEventStore {

    private static final String INSERT = """
            INSERT INTO inbound_event (source_id, jti, seq, subject_type, subject_id, event_type, outcome, channel,
                                       iat, received_at, token)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String INSERT_MANY_HEAD = """
            INSERT INTO inbound_event (source_id, jti, seq, subject_type, subject_id, event_type, outcome, channel,
                                       iat, received_at, token)
            VALUES """;
    private static final String INSERT_MANY_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_MANY_TAIL = " ON CONFLICT DO NOTHING RETURNING source_id, jti";
    /** Rows per multi-row insert: 11 parameters each, well below the driver's 32,767. */
    private static final int ROWS_PER_STATEMENT = 500;
    private static final String MARK_SUPERSEDED = """
            UPDATE inbound_event SET outcome = 'SUPERSEDED' WHERE source_id = ? AND jti = ?""";
    private static final String FIND = """
            SELECT seq, subject_type, subject_id, event_type, outcome, channel FROM inbound_event
            WHERE source_id = ? AND jti = ?""";

    private final DataSource dataSource;
    private final boolean multiRowInsert;

    InboundEventStore(DataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.multiRowInsert = dbKind.toLowerCase().startsWith("postgres");
    }

    /** Identifies a stored event: {@code jti} is unique per source. */
    public record EventId(String sourceId, String jti) {

        static EventId of(VerifiedSet set) {
            return new EventId(set.subject().sourceId(), set.jti());
        }
    }

    /**
     * {@link #recordIfNew} for a whole batch: on PostgreSQL one multi-row insert per 500 SETs that
     * returns what it inserted, elsewhere (H2) one insert per SET.
     *
     * @return the SETs that were new; the others are replays and wrote nothing
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<EventId> recordNew(List<VerifiedSet> sets, Channel channel, Instant receivedAt) {
        Set<EventId> inserted = new HashSet<>();
        if (!multiRowInsert) {
            sets.stream().filter(set -> recordIfNew(set, channel, receivedAt)).forEach(set -> inserted.add(EventId.of(set)));
            return inserted;
        }
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < sets.size(); from += ROWS_PER_STATEMENT) {
                List<VerifiedSet> chunk = sets.subList(from, Math.min(sets.size(), from + ROWS_PER_STATEMENT));
                String sql = INSERT_MANY_HEAD + String.join(", ", Collections.nCopies(chunk.size(), INSERT_MANY_ROW)) + INSERT_MANY_TAIL;
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    int offset = 0;
                    for (VerifiedSet set : chunk) {
                        bind(s, set, channel, receivedAt, offset);
                        offset += 11;
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            inserted.add(new EventId(rs.getString(1), rs.getString(2)));
                        }
                    }
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("storing %d inbound_events failed: %s".formatted(sets.size(), e.getMessage()), e);
        }
    }

    /**
     * Records the SET as applied, unless its {@code jti} is already stored for this source.
     *
     * @return false when the {@code jti} was seen before (a replay): nothing was written
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordIfNew(VerifiedSet set, Channel channel, Instant receivedAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(INSERT)) {
            bind(s, set, channel, receivedAt, 0);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("storing inbound_event failed for jti %s: %s"
                    .formatted(set.jti(), e.getMessage()), e);
        }
    }

    private static void bind(PreparedStatement s, VerifiedSet set, Channel channel, Instant receivedAt, int offset) throws SQLException {
        s.setString(offset + 1, set.subject().sourceId());
        s.setString(offset + 2, set.jti());
        s.setLong(offset + 3, set.seq());
        s.setString(offset + 4, set.subject().type().name());
        s.setString(offset + 5, set.subject().subjectId());
        s.setString(offset + 6, set.eventType().uri());
        s.setString(offset + 7, Acceptance.APPLIED.name());
        s.setString(offset + 8, channel.name());
        s.setTimestamp(offset + 9, Timestamp.from(set.issuedAt()));
        s.setTimestamp(offset + 10, Timestamp.from(receivedAt));
        s.setString(offset + 11, set.token());
    }

    /** Marks events recorded in this transaction as not having moved their subject forward (one round trip). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markSuperseded(Collection<EventId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(MARK_SUPERSEDED)) {
            for (EventId id : ids) {
                s.setString(1, id.sourceId());
                s.setString(2, id.jti());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("updating %d inbound_events failed: %s".formatted(ids.size(), e.getMessage()), e);
        }
    }

    /** The stored event with this {@code jti}, for the console and tests. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StoredEvent> find(String sourceId, String jti) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(FIND)) {
            s.setString(1, sourceId);
            s.setString(2, jti);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredEvent(sourceId, jti, rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Acceptance.valueOf(rs.getString(5)), Channel.valueOf(rs.getString(6))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading inbound_event failed for jti %s: %s"
                    .formatted(jti, e.getMessage()), e);
        }
    }

    /** One row of {@code inbound_event}, without the token. */
    public record StoredEvent(String sourceId, String jti, long seq, String subjectType, String subjectId,
                              String eventType, Acceptance outcome, Channel channel) {
    }
}
