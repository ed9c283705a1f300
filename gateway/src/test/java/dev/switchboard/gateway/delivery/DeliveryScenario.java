package dev.switchboard.gateway.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.Snapshot;
import dev.switchboard.gateway.subject.SubjectChanged;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.Tombstone;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.AttributeMapping;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetScope;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the intake's part in delivery tests: stores a subject's state (highest sequence wins) and
 * fires {@link SubjectChanged} in the same transaction, as intake does.
 */
@ApplicationScoped
public class DeliveryScenario {

    public static final String SOURCE = "hub";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource dataSource;
    private final Event<SubjectChanged> changes;
    private final ObjectMapper json;

    DeliveryScenario(AgroalDataSource dataSource, Event<SubjectChanged> changes, ObjectMapper json) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.json = json;
    }

    /** Users whose username starts with {@code out-} are out of scope; all groups are in. */
    public static TargetDefinition target(String id, DeprovisionMode mode, boolean provisionGroups) {
        return target(id, new ScimClientConfig(URI.create("http://" + FakeScimClients.FAKE_HOST + "/" + id), new ScimAuth.None(),
                "generic", Duration.ofSeconds(1), Duration.ofSeconds(1)), mode, provisionGroups);
    }

    public static TargetDefinition target(String id, ScimClientConfig connection, DeprovisionMode mode, boolean provisionGroups) {
        return new TargetDefinition(id, "Test app " + id, 1, connection, SCOPE, MAPPING, mode, provisionGroups,
                new TargetDefinition.RateLimit(1000, 100), 4);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static UserSnapshot user(String id, String username, String givenName, String... groupIds) {
        return new UserSnapshot(id, "hub", username, username + "@example.com", true, givenName, "Tester", true, Map.of(),
                Arrays.stream(groupIds).map(g -> new UserSnapshot.GroupRef(g, "group-" + g, "/group-" + g)).toList(), List.of());
    }

    public static GroupSnapshot group(String id, String name) {
        return new GroupSnapshot(id, "hub", name, "/" + name, null);
    }

    public static Tombstone userTombstone(String id, String username) {
        return new Tombstone(SubjectType.USER, id, "hub", username, username + "@example.com");
    }

    public static SubjectKey userKey(String id) {
        return new SubjectKey(SOURCE, SubjectType.USER, id);
    }

    public static SubjectKey groupKey(String id) {
        return new SubjectKey(SOURCE, SubjectType.GROUP, id);
    }

    /** Stores the state if {@code seq} is newer than what is stored, and then fires the change, in one transaction. */
    public void store(SubjectKey key, long seq, Snapshot snapshot) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (write(key, seq, snapshot)) {
                changes.fire(new SubjectChanged(key, seq, snapshot));
            }
        });
    }

    /** Stores the state and fires nothing: a subject the gateway knows but has no pending work for. */
    public void storeWithoutEvent(SubjectKey key, long seq, Snapshot snapshot) {
        QuarkusTransaction.requiringNew().run(() -> write(key, seq, snapshot));
    }

    /** Fires the change without storing anything: a duplicate or late event reaching delivery anyway. */
    public void fireOnly(SubjectKey key, long seq, Snapshot snapshot) {
        QuarkusTransaction.requiringNew().run(() -> changes.fire(new SubjectChanged(key, seq, snapshot)));
    }

    private boolean write(SubjectKey key, long seq, Snapshot snapshot) {
        try (Connection c = dataSource.getConnection()) {
            String text = json.writeValueAsString(snapshot);
            boolean deleted = snapshot instanceof Tombstone;
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE subject_state SET seq = ?, deleted = ?, snapshot = ?, updated_at = ? "
                            + "WHERE source_id = ? AND subject_type = ? AND subject_id = ? AND seq < ?")) {
                update.setLong(1, seq);
                update.setBoolean(2, deleted);
                update.setString(3, text);
                update.setObject(4, OffsetDateTime.now());
                update.setString(5, key.sourceId());
                update.setString(6, key.type().name());
                update.setString(7, key.subjectId());
                update.setLong(8, seq);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO subject_state (source_id, subject_type, subject_id, seq, deleted, snapshot, updated_at) "
                            + "SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM subject_state "
                            + "WHERE source_id = ? AND subject_type = ? AND subject_id = ?)")) {
                insert.setString(1, key.sourceId());
                insert.setString(2, key.type().name());
                insert.setString(3, key.subjectId());
                insert.setLong(4, seq);
                insert.setBoolean(5, deleted);
                insert.setString(6, text);
                insert.setObject(7, OffsetDateTime.now());
                insert.setString(8, key.sourceId());
                insert.setString(9, key.type().name());
                insert.setString(10, key.subjectId());
                return insert.executeUpdate() == 1;
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static final TargetScope SCOPE = new TargetScope() {
        @Override
        public boolean includes(String sourceId, UserSnapshot user) {
            return !user.username().startsWith("out-");
        }

        @Override
        public boolean includes(String sourceId, GroupSnapshot group) {
            return true;
        }
    };

    static final AttributeMapping MAPPING = new AttributeMapping() {
        @Override
        public ObjectNode user(UserSnapshot user) {
            ObjectNode node = JSON.createObjectNode();
            node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
            node.put("userName", user.username());
            node.put("externalId", user.id());
            node.put("active", user.enabled());
            node.putObject("name").put("givenName", user.firstName()).put("familyName", user.lastName());
            node.putArray("emails").addObject().put("value", user.email()).put("primary", true);
            return node;
        }

        @Override
        public ObjectNode group(GroupSnapshot group) {
            ObjectNode node = JSON.createObjectNode();
            node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
            node.put("displayName", group.name());
            node.put("externalId", group.id());
            return node;
        }
    };
}
