package dev.switchboard.gateway.delivery;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/** Operator switches per target (pause), in the database so every replica obeys them. */
@ApplicationScoped
public class TargetControlStore {

    private final AgroalDataSource dataSource;
    private final Event<PauseChanged> pauseChanged;

    TargetControlStore(AgroalDataSource dataSource, Event<PauseChanged> pauseChanged) {
        this.dataSource = dataSource;
        this.pauseChanged = pauseChanged;
    }

    @Transactional
    public void setPaused(String targetId, boolean paused, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE target_delivery_control SET paused = ?, updated_at = ? WHERE target_id = ?")) {
                ps.setBoolean(1, paused);
                ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                ps.setString(3, targetId);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO target_delivery_control (paused, updated_at, target_id) VALUES (?, ?, ?)")) {
                    ps.setBoolean(1, paused);
                    ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                    ps.setString(3, targetId);
                    ps.executeUpdate();
                }
            }
            pauseChanged.fire(new PauseChanged(targetId, paused));
        } catch (SQLException e) {
            throw new IllegalStateException("saving pause failed for target=" + targetId, e);
        }
    }

    /** Read fresh every call (the status view); the dispatcher reads through {@link PausedTargets}. */
    @Transactional
    public Set<String> pausedTargets() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT target_id FROM target_delivery_control WHERE paused = TRUE");
             ResultSet rs = ps.executeQuery()) {
            Set<String> paused = new HashSet<>();
            while (rs.next()) {
                paused.add(rs.getString(1));
            }
            return paused;
        } catch (SQLException e) {
            throw new IllegalStateException("reading paused targets failed", e);
        }
    }
}
