package dev.switchboard.gateway.intake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.Tombstone;
import dev.switchboard.gateway.subject.UserSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The examples of docs/event-contract.md §2, read as the gateway reads them. */
class SnapshotParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void contractUserExample_becomesUserSnapshotWithEveryField() throws Exception {
        Map<String, Object> data = json("""
                {
                  "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User"
                  ],
                  "id": "5d1f6c1a-3a43-4f0c-a3f1-1b7c8c5e9d20",
                  "userName": "alice",
                  "name": { "givenName": "Alice", "familyName": "Liddell" },
                  "emails": [ { "value": "alice@example.com", "primary": true } ],
                  "active": true,
                  "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User": {
                    "realm": "hub",
                    "emailVerified": true,
                    "attributes": { "department": ["Research"], "employeeNumber": ["4711"] },
                    "groups": [ { "id": "9a0c", "name": "engineering", "path": "/staff/engineering" } ],
                    "federatedIdentities": [ { "identityProvider": "corp-saml", "userId": "alice@corp", "userName": "alice" } ]
                  }
                }
                """);

        var snapshot = SnapshotParser.parse(EventType.PUT_FULL, SubjectType.USER, "5d1f6c1a-3a43-4f0c-a3f1-1b7c8c5e9d20", data);

        assertThat(snapshot).isEqualTo(new UserSnapshot("5d1f6c1a-3a43-4f0c-a3f1-1b7c8c5e9d20", "hub", "alice",
                "alice@example.com", true, "Alice", "Liddell", true,
                Map.of("department", List.of("Research"), "employeeNumber", List.of("4711")),
                List.of(new UserSnapshot.GroupRef("9a0c", "engineering", "/staff/engineering")),
                List.of(new UserSnapshot.FederatedIdentity("corp-saml", "alice@corp", "alice"))));
    }

    @Test
    void userWithoutEmailOrNames_hasNoEmailAndNoNames() throws Exception {
        Map<String, Object> data = json("""
                { "id": "u1", "userName": "bob", "emails": [], "active": false,
                  "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User": { "realm": "hub" } }
                """);

        UserSnapshot snapshot = (UserSnapshot) SnapshotParser.parse(EventType.CREATE_FULL, SubjectType.USER, "u1", data);

        assertThat(snapshot.email()).isNull();
        assertThat(snapshot.firstName()).isNull();
        assertThat(snapshot.enabled()).isFalse();
        assertThat(snapshot.groups()).isEmpty();
    }

    @Test
    void contractGroupExample_becomesGroupSnapshot() throws Exception {
        Map<String, Object> data = json("""
                {
                  "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:Group",
                    "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:Group"
                  ],
                  "id": "9a0c4f5e-1111-4b5b-8d3e-2f4b7a6c1d00",
                  "displayName": "engineering",
                  "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:Group": {
                    "realm": "hub", "path": "/staff/engineering", "parentId": "1f00"
                  }
                }
                """);

        var snapshot = SnapshotParser.parse(EventType.PUT_FULL, SubjectType.GROUP, "9a0c4f5e-1111-4b5b-8d3e-2f4b7a6c1d00", data);

        assertThat(snapshot).isEqualTo(new GroupSnapshot("9a0c4f5e-1111-4b5b-8d3e-2f4b7a6c1d00", "hub", "engineering",
                "/staff/engineering", "1f00"));
    }

    @Test
    void contractTombstoneExample_becomesUserTombstone() throws Exception {
        Map<String, Object> data = json("""
                { "id": "5d1f", "userName": "alice", "emails": [ { "value": "alice@example.com" } ],
                  "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User": { "realm": "hub" } }
                """);

        var snapshot = SnapshotParser.parse(EventType.DELETE, SubjectType.USER, "5d1f", data);

        assertThat(snapshot).isEqualTo(new Tombstone(SubjectType.USER, "5d1f", "hub", "alice", "alice@example.com"));
    }

    @Test
    void groupTombstone_carriesDisplayNameAsItsName() throws Exception {
        Map<String, Object> data = json("""
                { "id": "g1", "displayName": "engineering",
                  "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:Group": { "realm": "hub", "path": "/engineering" } }
                """);

        var snapshot = SnapshotParser.parse(EventType.DELETE, SubjectType.GROUP, "g1", data);

        assertThat(snapshot).isEqualTo(new Tombstone(SubjectType.GROUP, "g1", "hub", "engineering", null));
    }

    @Test
    void userWithoutActive_isRefusedNamingTheField() throws Exception {
        Map<String, Object> data = json("""
                { "id": "u1", "userName": "bob",
                  "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User": { "realm": "hub" } }
                """);

        assertThatThrownBy(() -> SnapshotParser.parse(EventType.PUT_FULL, SubjectType.USER, "u1", data))
                .isInstanceOf(RefusalException.class)
                .hasMessage("data.active is missing");
    }

    @Test
    void attributeThatIsNotAStringArray_isRefusedNamingTheAttribute() throws Exception {
        Map<String, Object> data = json("""
                { "id": "u1", "userName": "bob", "active": true,
                  "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User": { "realm": "hub", "attributes": { "level": 3 } } }
                """);

        assertThatThrownBy(() -> SnapshotParser.parse(EventType.PUT_FULL, SubjectType.USER, "u1", data))
                .isInstanceOf(RefusalException.class)
                .hasMessageContaining("attributes.level must be an array of strings");
    }

    private static Map<String, Object> json(String text) throws Exception {
        return JSON.readValue(text, new TypeReference<>() {
        });
    }
}
