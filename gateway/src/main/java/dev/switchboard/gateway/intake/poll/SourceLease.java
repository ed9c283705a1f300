package dev.switchboard.gateway.intake.poll;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A short, renewable claim on polling one source ({@code source_lease}), so that of several
 * replicas on one database normally only one polls a source. Not a correctness mechanism: should
 * two replicas poll at once, the unique {@code jti} in {@code inbound_event} still stores each SET once.
 */
@ApplicationScoped
public class SourceLease {

    private static final String RENEW_OR_TAKE = """
            UPDATE source_lease SET holder = ?, expires_at = ?
            WHERE source_id = ? AND (holder = ? OR expires_at < ?)""";
    private static final String CREATE = """
            INSERT INTO source_lease (holder, expires_at, source_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String RELEASE = "DELETE FROM source_lease WHERE source_id = ? AND holder = ?";

    private final AgroalDataSource dataSource;
    private final Clock clock;

    SourceLease(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Takes or renews the lease; false when another holder's lease is still running. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean tryAcquire(String sourceId, String holder, Duration duration) {
        Instant now = clock.instant();
        Timestamp expires = Timestamp.from(now.plus(duration));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(RENEW_OR_TAKE)) {
                s.setString(1, holder);
                s.setTimestamp(2, expires);
                s.setString(3, sourceId);
                s.setString(4, holder);
                s.setTimestamp(5, Timestamp.from(now));
                if (s.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement s = c.prepareStatement(CREATE)) {
                s.setString(1, holder);
                s.setTimestamp(2, expires);
                s.setString(3, sourceId);
                return s.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("source_lease for '%s' failed: %s".formatted(sourceId, e.getMessage()), e);
        }
    }

    /** Gives the lease up at shutdown, so another replica can take over without waiting for expiry. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String sourceId, String holder) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(RELEASE)) {
            s.setString(1, sourceId);
            s.setString(2, holder);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("releasing source_lease for '%s' failed: %s"
                    .formatted(sourceId, e.getMessage()), e);
        }
    }
}
