package dev.switchboard.gateway.audit;

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

/** The {@code admin_audit} table. Entries are only ever added. */
@ApplicationScoped
public class AuditLog {

    private final AgroalDataSource dataSource;

    AuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Its own transaction: an entry is kept whether or not the action it describes committed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void append(AuditEntry entry) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO admin_audit (at, actor, action, object, outcome, details) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, entry.at().atOffset(ZoneOffset.UTC));
            ps.setString(2, cut(entry.actor(), 255));
            ps.setString(3, cut(entry.action(), 200));
            ps.setString(4, cut(entry.object(), 500));
            ps.setString(5, entry.outcome());
            ps.setString(6, cut(entry.details(), 2000));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing the audit entry failed action=" + entry.action(), e);
        }
    }

    /** Newest first, strictly before {@code before}. */
    @Transactional
    public List<AuditEntry> before(Instant before, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT at, actor, action, object, outcome, details FROM admin_audit WHERE at < ? ORDER BY at DESC, id DESC LIMIT ?")) {
            ps.setObject(1, before.atOffset(ZoneOffset.UTC));
            ps.setInt(2, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit log failed", e);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
