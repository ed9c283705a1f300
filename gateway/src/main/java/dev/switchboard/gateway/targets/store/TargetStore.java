package dev.switchboard.gateway.targets.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads and writes {@code target}. Plain JDBC joined to the caller's transaction: the table is
 * small and the statements are portable between PostgreSQL and H2, so no dialect strategy is needed.
 * Every write takes a fresh revision from {@code target_revision_seq}.
 */
@ApplicationScoped
public class TargetStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;

    /**
     * Takes the application's {@link Clock} when one is produced (intake provides a default bean),
     * else the system clock, so this package does not add a second competing producer.
     */
    @Inject
    public TargetStore(DataSource dataSource, Instance<Clock> clock) {
        this(dataSource, clock.isResolvable() ? clock.get() : Clock.systemUTC());
    }

    TargetStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Transactional
    public List<StoredTarget> all() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, origin, spec, secrets, revision, created_at, updated_at FROM target ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<StoredTarget> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new TargetStoreException("cannot list targets", e);
        }
    }

    @Transactional
    public Optional<StoredTarget> byId(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, origin, spec, secrets, revision, created_at, updated_at FROM target WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new TargetStoreException("cannot read target id=" + id, e);
        }
    }

    /** Cheap change detector for other replicas: moves on every insert, update and delete. */
    @Transactional
    public String fingerprint() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(MAX(revision), 0) FROM target");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + ":" + rs.getLong(2);
        } catch (SQLException e) {
            throw new TargetStoreException("cannot read targets fingerprint", e);
        }
    }

    /** Inserts; the caller has checked the id is free (the primary key is the safety net). */
    @Transactional
    public StoredTarget insert(String id, TargetOrigin origin, String specJson, Map<String, String> sealedSecrets) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO target (id, origin, spec, secrets, revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            long revision = nextRevision(c);
            ps.setString(1, id);
            ps.setString(2, origin.dbValue());
            ps.setString(3, specJson);
            ps.setString(4, toJson(sealedSecrets));
            ps.setLong(5, revision);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
            return new StoredTarget(id, origin, specJson, sealedSecrets, revision, now, now);
        } catch (SQLException e) {
            throw new TargetStoreException("cannot insert target id=" + id, e);
        }
    }

    @Transactional
    public StoredTarget update(StoredTarget existing, TargetOrigin origin, String specJson, Map<String, String> sealedSecrets) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE target SET origin = ?, spec = ?, secrets = ?, revision = ?, updated_at = ? WHERE id = ?")) {
            long revision = nextRevision(c);
            ps.setString(1, origin.dbValue());
            ps.setString(2, specJson);
            ps.setString(3, toJson(sealedSecrets));
            ps.setLong(4, revision);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, existing.id());
            if (ps.executeUpdate() != 1) {
                throw new TargetStoreException("target disappeared during update id=" + existing.id(), null);
            }
            return new StoredTarget(existing.id(), origin, specJson, sealedSecrets, revision, existing.createdAt(), now);
        } catch (SQLException e) {
            throw new TargetStoreException("cannot update target id=" + existing.id(), e);
        }
    }

    @Transactional
    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM target WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new TargetStoreException("cannot delete target id=" + id, e);
        }
    }

    /**
     * Holds the file lock row until the current transaction ends, so two replicas never apply the
     * targets file at the same time. Plain {@code FOR UPDATE} works alike on PostgreSQL and H2.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForFileSync() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM target_file_lock WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new TargetStoreException("target_file_lock row is missing (migration V3 not applied?)", null);
            }
        } catch (SQLException e) {
            throw new TargetStoreException("cannot lock targets for file sync", e);
        }
    }

    private static long nextRevision(Connection c) throws SQLException {
        // NEXTVAL('name') is PostgreSQL syntax that H2 also accepts in MODE=PostgreSQL
        try (PreparedStatement ps = c.prepareStatement("SELECT NEXTVAL('target_revision_seq')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static StoredTarget row(ResultSet rs) throws SQLException {
        return new StoredTarget(rs.getString("id"), TargetOrigin.fromDb(rs.getString("origin")), rs.getString("spec"),
                fromJson(rs.getString("secrets")), rs.getLong("revision"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static String toJson(Map<String, String> sealed) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(sealed));
        } catch (JsonProcessingException e) {
            throw new TargetStoreException("cannot serialize sealed secrets", e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new TargetStoreException("stored secrets column is not valid JSON", e);
        }
    }
}
