package dev.switchboard.gateway.links;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code target_link}. Save is one {@code INSERT ... ON CONFLICT DO UPDATE} on
 * PostgreSQL (it runs once per delivered write) and update-then-insert on H2, which lacks that
 * form; the latter is safe because the queue never has two workers on the same (target, subject).
 */
@ApplicationScoped
public class LinkStore {

    private static final String COLUMNS = """
            target_id, source_id, subject_type, subject_id, remote_id, remote_version, state_hash, last_written,
            memberships, state, source_deleted, applied_seq, updated_at""";

    private static final String INSERT = """
            INSERT INTO target_link (remote_id, remote_version, state_hash, last_written, memberships, state, source_deleted,
                                     applied_seq, updated_at, target_id, source_id, subject_type, subject_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPSERT = INSERT + """

            ON CONFLICT (target_id, source_id, subject_type, subject_id) DO UPDATE SET
              remote_id = EXCLUDED.remote_id, remote_version = EXCLUDED.remote_version, state_hash = EXCLUDED.state_hash,
              last_written = EXCLUDED.last_written, memberships = EXCLUDED.memberships, state = EXCLUDED.state,
              source_deleted = EXCLUDED.source_deleted, applied_seq = EXCLUDED.applied_seq, updated_at = EXCLUDED.updated_at""";

    /** Prefix of the link's columns in {@link #JOINED_COLUMNS}. */
    public static final String JOINED_PREFIX = "link_";

    /**
     * The columns of a {@code target_link} aliased {@code l} as a query joining it selects them for
     * {@link #joined}: {@code l.remote_id AS link_remote_id, ...}.
     */
    public static final String JOINED_COLUMNS = COLUMNS.lines()
            .flatMap(line -> Arrays.stream(line.split(",")))
            .map(String::strip)
            .filter(column -> !column.isEmpty())
            .map(column -> "l." + column + " AS " + JOINED_PREFIX + column)
            .collect(Collectors.joining(", "));

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final boolean upsert;

    LinkStore(AgroalDataSource dataSource, ObjectMapper json, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.json = json;
        this.upsert = dbKind.toLowerCase().startsWith("postgres");
    }

    /** Outside a transaction on purpose: one round trip on an auto-commit connection, read once per task. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TargetLink> find(String targetId, SubjectKey key) {
        return query("SELECT " + COLUMNS + " FROM target_link WHERE target_id = ? AND source_id = ? AND subject_type = ? AND subject_id = ?",
                targetId, key.sourceId(), key.type().name(), key.subjectId()).stream().findFirst();
    }

    /** Every target's link for one subject: the per-subject status view. */
    @Transactional
    public List<TargetLink> forSubject(SubjectKey key) {
        return query("SELECT " + COLUMNS + " FROM target_link WHERE source_id = ? AND subject_type = ? AND subject_id = ? ORDER BY target_id",
                key.sourceId(), key.type().name(), key.subjectId());
    }

    /** Joins the caller's transaction: delivery saves the last link of a task with the task's completion. */
    @Transactional
    public void save(TargetLink link) {
        try (Connection c = dataSource.getConnection()) {
            if (upsert) {
                try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                    bindValues(ps, link, 1);
                    bindKey(ps, link, 10);
                    ps.executeUpdate();
                }
                return;
            }
            int updated;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE target_link SET remote_id = ?, remote_version = ?, state_hash = ?, last_written = ?, memberships = ?,
                           state = ?, source_deleted = ?, applied_seq = ?, updated_at = ?
                    WHERE target_id = ? AND source_id = ? AND subject_type = ? AND subject_id = ?""")) {
                bindValues(ps, link, 1);
                bindKey(ps, link, 10);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    bindValues(ps, link, 1);
                    bindKey(ps, link, 10);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("saving link failed for target=" + link.targetId(), e);
        }
    }

    /**
     * {@link #save} for many links in the caller's transaction: one JDBC batch on PostgreSQL. The
     * links must have distinct keys (a batch holds one completion per task, and a subject has one
     * task per target).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveAll(List<TargetLink> links) {
        if (!upsert) {
            links.forEach(this::save);
            return;
        }
        if (links.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (TargetLink link : links) {
                bindValues(ps, link, 1);
                bindKey(ps, link, 10);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("saving %d links failed".formatted(links.size()), e);
        }
    }

    private void bindValues(PreparedStatement ps, TargetLink link, int from) throws SQLException {
        ps.setString(from, link.remoteId());
        ps.setString(from + 1, link.remoteVersion().orElse(null));
        ps.setString(from + 2, link.stateHash());
        ps.setString(from + 3, write(link.lastWritten()));
        ps.setString(from + 4, write(new TreeSet<>(link.memberships())));
        ps.setString(from + 5, link.state().name());
        ps.setBoolean(from + 6, link.sourceDeleted());
        ps.setLong(from + 7, link.appliedSeq());
        ps.setObject(from + 8, link.updatedAt().atOffset(ZoneOffset.UTC));
    }

    private static void bindKey(PreparedStatement ps, TargetLink link, int from) throws SQLException {
        ps.setString(from, link.targetId());
        ps.setString(from + 1, link.key().sourceId());
        ps.setString(from + 2, link.key().type().name());
        ps.setString(from + 3, link.key().subjectId());
    }

    private List<TargetLink> query(String sql, String... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<TargetLink> links = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.add(link(rs, "", new SubjectKey(rs.getString("source_id"), SubjectType.valueOf(rs.getString("subject_type")),
                            rs.getString("subject_id"))));
                }
            }
            return links;
        } catch (SQLException e) {
            throw new IllegalStateException("reading links failed", e);
        }
    }

    /**
     * The link in the current row of a query that joined {@code target_link} with its columns renamed
     * {@code prefix + column} (see {@link #JOINED_COLUMNS}); empty when the join found no link.
     * Delivery reads a task's link this way together with its claim.
     */
    public Optional<TargetLink> joined(ResultSet rs, SubjectKey key) throws SQLException {
        return rs.getString(JOINED_PREFIX + "remote_id") == null ? Optional.empty() : Optional.of(link(rs, JOINED_PREFIX, key));
    }

    private TargetLink link(ResultSet rs, String prefix, SubjectKey key) throws SQLException {
        try {
            return new TargetLink(
                    rs.getString(prefix + "target_id"),
                    key,
                    rs.getString(prefix + "remote_id"),
                    Optional.ofNullable(rs.getString(prefix + "remote_version")),
                    rs.getString(prefix + "state_hash"),
                    (ObjectNode) json.readTree(rs.getString(prefix + "last_written")),
                    json.readValue(rs.getString(prefix + "memberships"), new TypeReference<Set<String>>() { }),
                    LinkState.valueOf(rs.getString(prefix + "state")),
                    rs.getBoolean(prefix + "source_deleted"),
                    rs.getLong(prefix + "applied_seq"),
                    rs.getObject(prefix + "updated_at", OffsetDateTime.class).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reading link failed for target=" + rs.getString(prefix + "target_id"), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("link value cannot be serialised", e);
        }
    }
}
