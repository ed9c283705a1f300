package dev.switchboard.gateway.targets.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.UserSnapshot;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimUserMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static UserSnapshot alice(Map<String, List<String>> attributes) {
        return new UserSnapshot("5d1f6c1a", "hub", "alice", "alice@example.com", true, "Alice", "Liddell", true,
                attributes, List.of(), List.of());
    }

    @Test
    void defaults_produceCoreUserAndEnterpriseExtensionInCanonicalOrder() throws Exception {
        Map<String, List<String>> attributes = Map.of(
                "department", List.of("Research"), "employeeNumber", List.of("4711"), "shoeSize", List.of("42"));

        String json = JSON.writeValueAsString(ScimUserMapping.defaults().user(alice(attributes)));

        assertThat(json).isEqualTo(compact("""
                {
                  "active": true,
                  "displayName": "Alice Liddell",
                  "emails": [ { "primary": true, "type": "work", "value": "alice@example.com" } ],
                  "externalId": "5d1f6c1a",
                  "name": { "familyName": "Liddell", "formatted": "Alice Liddell", "givenName": "Alice" },
                  "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
                  ],
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "Research", "employeeNumber": "4711" },
                  "userName": "alice"
                }
                """));
    }

    @Test
    void disabledUserWithoutNamesOrEmail_isInactiveAndDisplayedByUserName() throws Exception {
        UserSnapshot bob = new UserSnapshot("b1", "hub", "bob", null, false, null, null, false, Map.of(), List.of(), List.of());

        String json = JSON.writeValueAsString(ScimUserMapping.defaults().user(bob));

        assertThat(json).isEqualTo(compact("""
                {
                  "active": false,
                  "displayName": "bob",
                  "externalId": "b1",
                  "schemas": [ "urn:ietf:params:scim:schemas:core:2.0:User" ],
                  "userName": "bob"
                }
                """));
    }

    @Test
    void overrides_setTemplatesDropAttributesAndAddExtensions() throws Exception {
        Map<String, MappingOverride> overrides = new LinkedHashMap<>();
        overrides.put("title", MappingOverride.fromSpec("${attributes.jobTitle}"));
        overrides.put("userName", MappingOverride.fromSpec("${username}@corp.example"));
        overrides.put("displayName", MappingOverride.fromSpec(null));
        overrides.put("name.formatted", MappingOverride.fromSpec(null));
        overrides.put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", MappingOverride.fromSpec(null));
        overrides.put("urn:example:params:scim:schemas:extension:acme:1.0:User:badge", MappingOverride.fromSpec("B-${attributes.badge}"));
        overrides.put("nickName", MappingOverride.fromSpec("${attributes.missing}"));
        overrides.put("emails", MappingOverride.fromSpec("${username}@mail.example"));

        String json = JSON.writeValueAsString(new ScimUserMapping(overrides).user(alice(Map.of(
                "jobTitle", List.of("Engineer"), "department", List.of("Research"), "badge", List.of("77")))));

        assertThat(json).isEqualTo(compact("""
                {
                  "active": true,
                  "emails": [ { "primary": true, "type": "work", "value": "alice@mail.example" } ],
                  "externalId": "5d1f6c1a",
                  "name": { "familyName": "Liddell", "givenName": "Alice" },
                  "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:example:params:scim:schemas:extension:acme:1.0:User"
                  ],
                  "title": "Engineer",
                  "urn:example:params:scim:schemas:extension:acme:1.0:User": { "badge": "B-77" },
                  "userName": "alice@corp.example"
                }
                """));
    }

    @Test
    void sameStateWithDifferentlyOrderedInput_serializesToIdenticalBytes() throws Exception {
        Map<String, List<String>> one = new LinkedHashMap<>();
        one.put("organization", List.of("Acme"));
        one.put("department", List.of("Research"));
        Map<String, List<String>> two = new LinkedHashMap<>();
        two.put("department", List.of("Research"));
        two.put("organization", List.of("Acme"));

        assertThat(JSON.writeValueAsString(ScimUserMapping.defaults().user(alice(one))))
                .isEqualTo(JSON.writeValueAsString(ScimUserMapping.defaults().user(alice(two))));
    }

    @Test
    void group_mapsDisplayNameAndExternalId() throws Exception {
        String json = JSON.writeValueAsString(ScimUserMapping.defaults()
                .group(new GroupSnapshot("g1", "hub", "engineering", "/staff/engineering", "p1")));

        assertThat(json).isEqualTo(compact("""
                { "displayName": "engineering", "externalId": "g1", "schemas": [ "urn:ietf:params:scim:schemas:core:2.0:Group" ] }
                """));
    }

    @Test
    void unknownPlaceholder_isRejectedWithItsName() {
        assertThatThrownBy(() -> MappingTemplate.parse("${user.name}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown placeholder '${user.name}'");
    }

    @Test
    void schemasOverride_isRejected() {
        assertThatThrownBy(() -> OverridePath.parse("schemas")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String compact(String json) throws Exception {
        return JSON.writeValueAsString(JSON.readTree(json));
    }
}
