package dev.switchboard.gateway.events;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code inbound_event} newest first by id (the order events were stored). A subject filter
 * is served by {@code inbound_event_subject}; time bounds by {@code inbound_event_received}.
 */
@ApplicationScoped
public class EventQueries {

    private final AgroalDataSource dataSource;

    EventQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} events matching {@code filter}, newest first, each with its id for the next cursor. */
    @Transactional
    public List<Row> find(EventFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, jti, source_id, event_type, subject_type, subject_id, seq, outcome, received_at, channel
                FROM inbound_event WHERE 1 = 1""");
        List<Object> params = new ArrayList<>();
        filter.sourceId().ifPresent(v -> add(sql, params, " AND source_id = ?", v));
        filter.typeUri().ifPresent(v -> add(sql, params, " AND event_type = ?", v));
        filter.subjectId().ifPresent(v -> add(sql, params, " AND subject_id = ?", v));
        filter.since().ifPresent(v -> add(sql, params, " AND received_at >= ?", v.atOffset(ZoneOffset.UTC)));
        filter.until().ifPresent(v -> add(sql, params, " AND received_at < ?", v.atOffset(ZoneOffset.UTC)));
        filter.beforeId().ifPresent(v -> add(sql, params, " AND id < ?", v));
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String typeUri = rs.getString(4);
                    rows.add(new Row(rs.getLong(1), new EventView(rs.getString(2), rs.getString(3), typeUri,
                            EventTypes.shortName(typeUri), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8),
                            rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading inbound events failed", e);
        }
    }

    /** An event and its storage id (the paging key, not shown). */
    public record Row(long id, EventView event) {
    }

    private static void add(StringBuilder sql, List<Object> params, String condition, Object value) {
        sql.append(condition);
        params.add(value);
    }
}
