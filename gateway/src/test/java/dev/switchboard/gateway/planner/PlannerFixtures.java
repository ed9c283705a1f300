package dev.switchboard.gateway.planner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.gateway.links.LinkState;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.Tombstone;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.AttributeMapping;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.targets.TargetScope;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Small in-test targets, snapshots and links for planner tests. */
final class PlannerFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SOURCE = "hub";

    private PlannerFixtures() {
    }

    /** Maps userName, active, displayName: enough for the planner's decisions. */
    static final AttributeMapping MAPPING = new AttributeMapping() {
        @Override
        public ObjectNode user(UserSnapshot user) {
            ObjectNode node = JSON.createObjectNode();
            node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
            node.put("userName", user.username());
            node.put("active", user.enabled());
            node.putObject("name").put("givenName", user.firstName()).put("familyName", user.lastName());
            return node;
        }

        @Override
        public ObjectNode group(GroupSnapshot group) {
            ObjectNode node = JSON.createObjectNode();
            node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
            node.put("displayName", group.name());
            return node;
        }
    };

    static TargetScope scope(Predicate<UserSnapshot> users) {
        return new TargetScope() {
            @Override
            public boolean includes(String sourceId, UserSnapshot user) {
                return users.test(user);
            }

            @Override
            public boolean includes(String sourceId, GroupSnapshot group) {
                return true;
            }
        };
    }

    static TargetDefinition target(DeprovisionMode mode, boolean provisionGroups, Predicate<UserSnapshot> inScope) {
        return new TargetDefinition("app", "App", 1,
                new ScimClientConfig(URI.create("http://127.0.0.1:1/scim/v2"), new ScimAuth.None(), "generic",
                        Duration.ofSeconds(1), Duration.ofSeconds(1)),
                scope(inScope), MAPPING, mode, provisionGroups, new TargetDefinition.RateLimit(10, 10), 2);
    }

    static UserSnapshot user(String username, boolean enabled, String... groupIds) {
        return new UserSnapshot("u1", "hub", username, username + "@example.com", true, "Alice", "Liddell", enabled,
                Map.of(), Arrays.stream(groupIds).map(id -> new UserSnapshot.GroupRef(id, "g-" + id, "/g-" + id)).toList(),
                List.of());
    }

    static SubjectState userState(long seq, UserSnapshot user) {
        return new SubjectState(new SubjectKey(SOURCE, SubjectType.USER, user.id()), seq, false, user);
    }

    static SubjectState userTombstone(long seq) {
        return new SubjectState(new SubjectKey(SOURCE, SubjectType.USER, "u1"), seq, true,
                new Tombstone(SubjectType.USER, "u1", "hub", "alice", "alice@example.com"));
    }

    static SubjectState groupState(long seq, boolean deleted) {
        SubjectKey key = new SubjectKey(SOURCE, SubjectType.GROUP, "g1");
        return deleted
                ? new SubjectState(key, seq, true, new Tombstone(SubjectType.GROUP, "g1", "hub", "staff", null))
                : new SubjectState(key, seq, false, new GroupSnapshot("g1", "hub", "staff", "/staff", null));
    }

    /** A link as if {@code written} had been delivered. */
    static TargetLink link(SubjectState state, ObjectNode written, LinkState linkState, boolean sourceDeleted, Set<String> memberships) {
        return new TargetLink("app", state.key(), "remote-" + state.key().subjectId(), Optional.of("W/\"1\""),
                DesiredStateHash.of(written), written, memberships, linkState, sourceDeleted, state.seq(), Instant.EPOCH);
    }

    static TargetLink groupLink(String groupId) {
        ObjectNode written = JSON.createObjectNode().put("displayName", "g-" + groupId);
        return new TargetLink("app", new SubjectKey(SOURCE, SubjectType.GROUP, groupId), "remote-" + groupId, Optional.empty(),
                DesiredStateHash.of(written), written, Set.of(), LinkState.ACTIVE, false, 1, Instant.EPOCH);
    }
}
