package dev.switchboard.gateway.intake;

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
 * The {@code inbound_event} table: every accepted SET as received. Its unique (source, jti)
 * constraint is the replay guard, also across replicas that happen to store the same SET at once.
 */
@ApplicationScoped
public class InboundEventStore {

    private static final String INSERT = """
            INSERT INTO inbound_event (source_id, jti, seq, subject_type, subject_id, event_type, outcome, channel,
                                       iat, received_at, token)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String MARK_SUPERSEDED = """
            UPDATE inbound_event SET outcome = 'SUPERSEDED' WHERE source_id = ? AND jti = ?""";
    private static final String FIND = """
            SELECT seq, subject_type, subject_id, event_type, outcome, channel FROM inbound_event
            WHERE source_id = ? AND jti = ?""";

    private final AgroalDataSource dataSource;

    InboundEventStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
            s.setString(1, set.subject().sourceId());
            s.setString(2, set.jti());
            s.setLong(3, set.seq());
            s.setString(4, set.subject().type().name());
            s.setString(5, set.subject().subjectId());
            s.setString(6, set.eventType().uri());
            s.setString(7, Acceptance.APPLIED.name());
            s.setString(8, channel.name());
            s.setTimestamp(9, Timestamp.from(set.issuedAt()));
            s.setTimestamp(10, Timestamp.from(receivedAt));
            s.setString(11, set.token());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("storing inbound_event failed for jti %s: %s"
                    .formatted(set.jti(), e.getMessage()), e);
        }
    }

    /** Marks an event recorded in this transaction as not having moved its subject forward. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markSuperseded(String sourceId, String jti) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(MARK_SUPERSEDED)) {
            s.setString(1, sourceId);
            s.setString(2, jti);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating inbound_event failed for jti %s: %s"
                    .formatted(jti, e.getMessage()), e);
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
