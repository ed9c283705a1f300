package dev.switchboard.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.testing.GatewayProcess;
import dev.switchboard.gateway.testing.TestTransmitter;
import dev.switchboard.testkit.keycloak.KeycloakServer;
import dev.switchboard.testkit.keycloak.ScimAppRealm;
import dev.switchboard.testkit.postgres.TestDatabase;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One source, two real SCIM apps written by others: SCIMMY (npm) and Keycloak 26.7.3's own SCIM
 * API. Events come from an RFC 8936 transmitter; the gateway runs as its packaged PostgreSQL build.
 * Every assertion reads the apps through their own APIs.
 */
class FanOutIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String GROUP_ID = "g-eng";

    @TempDir
    static Path workDir;

    private static TestDatabase database;
    private static TestTransmitter transmitter;
    private static ScimmyServer scimmy;
    private static KeycloakServer keycloak;
    private static ScimAppRealm keycloakApp;
    private static GatewayProcess gateway;
    private static ScimReader scimmyReader;
    private static ScimReader keycloakReader;

    @BeforeAll
    static void startEverything() throws IOException {
        database = TestDatabase.create("sb_fanout");
        transmitter = TestTransmitter.start("hub", Duration.ofSeconds(1));
        scimmy = ScimmyServer.start();
        keycloak = KeycloakServer.builder().start();
        keycloakApp = ScimAppRealm.create(keycloak.admin(), "app-a");

        Path targets = workDir.resolve("targets.yaml");
        Files.writeString(targets, """
                targets:
                  - id: scimmy
                    displayName: SCIMMY directory
                    baseUrl: %s
                    profile: scimmy
                    auth: { type: bearer, token: "%s" }
                    scope: { realms: [hub] }
                    deprovision: delete
                    provisionGroups: true
                    concurrency: 4
                  - id: keycloak-app
                    displayName: Keycloak app realm
                    baseUrl: %s
                    profile: keycloak
                    auth:
                      type: oauth2-client-secret
                      tokenUrl: %s
                      clientId: %s
                      clientSecret: "%s"
                    scope: { realms: [hub] }
                    deprovision: deactivate
                    provisionGroups: true
                    concurrency: 4
                """.formatted(scimmy.baseUrl(), scimmy.token(), keycloakApp.scimBaseUrl(), keycloakApp.tokenUrl(),
                keycloakApp.clientId(), keycloakApp.clientSecret()));

        Map<String, String> config = new LinkedHashMap<>(transmitter.sourceConfig("hub", true));
        config.put("switchboard.sources.hub.long-poll-wait", "5s");
        config.put("switchboard.targets.file", targets.toString());
        config.put("switchboard.delivery.retry.initial-backoff", "200ms");
        config.put("switchboard.delivery.retry.max-backoff", "2s");
        gateway = GatewayProcess.start(workDir, database, config);

        scimmyReader = new ScimReader(scimmy.baseUrl(), scimmy::token);
        keycloakReader = new ScimReader(keycloakApp.scimBaseUrl(), keycloakApp::accessToken);
        transmitter.enqueue(transmitter.group(GROUP_ID)
                .dataField("displayName", "engineering")
                .dataField(TestTransmitter.GROUP_EXTENSION, Map.of("realm", "hub", "path", "/engineering"))
                .created().sign());
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable part : new AutoCloseable[] {gateway, transmitter, scimmy, keycloak, database}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("closing " + part + " failed: " + e);
                }
            }
        }
    }

    @Test
    void newUser_appearsInBothApps_withMappedAttributesAndGroupMembership() {
        transmitter.enqueue(user("u-alice", "alice", "Alice", "Liddell", true, List.of(GROUP_ID)).created().sign());

        JsonNode inScimmy = awaitUser(scimmyReader, "alice");
        assertThat(inScimmy.path("name").path("givenName").asText()).isEqualTo("Alice");
        assertThat(inScimmy.path("name").path("familyName").asText()).isEqualTo("Liddell");
        assertThat(inScimmy.path("emails").get(0).path("value").asText()).isEqualTo("alice@example.com");
        assertThat(inScimmy.path("active").asBoolean()).isTrue();
        assertThat(inScimmy.path("externalId").asText()).isEqualTo("u-alice");
        assertThat(inScimmy.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("department").asText())
                .isEqualTo("Research");

        JsonNode inKeycloak = awaitUser(keycloakReader, "alice");
        assertThat(inKeycloak.path("name").path("familyName").asText()).isEqualTo("Liddell");
        assertThat(inKeycloak.path("emails").get(0).path("value").asText()).isEqualTo("alice@example.com");
        assertThat(inKeycloak.path("active").asBoolean()).isTrue();

        await().atMost(WITHIN).untilAsserted(() -> assertThat(scimmyMembers("engineering")).contains(inScimmy.path("id").asText()));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(keycloakGroupsOf("alice")).containsExactly("engineering"));
    }

    @Test
    void changedAttributes_reachBothApps() {
        transmitter.enqueue(user("u-bob", "bob", "Bob", "Builder", true, List.of()).created().sign());
        awaitUser(scimmyReader, "bob");
        awaitUser(keycloakReader, "bob");

        transmitter.enqueue(user("u-bob", "bob", "Robert", "Builder-Smith", true, List.of()).sign());

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(present(scimmyReader, "bob").path("name").path("familyName").asText()).isEqualTo("Builder-Smith");
            assertThat(present(keycloakReader, "bob").path("name").path("givenName").asText()).isEqualTo("Robert");
        });
    }

    @Test
    void leavingAGroup_removesTheMembershipInBothApps() {
        transmitter.enqueue(user("u-carol", "carol", "Carol", "Singer", true, List.of(GROUP_ID)).created().sign());
        String carolInScimmy = awaitUser(scimmyReader, "carol").path("id").asText();
        await().atMost(WITHIN).untilAsserted(() -> assertThat(scimmyMembers("engineering")).contains(carolInScimmy));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(keycloakGroupsOf("carol")).containsExactly("engineering"));

        transmitter.enqueue(user("u-carol", "carol", "Carol", "Singer", true, List.of()).sign());

        await().atMost(WITHIN).untilAsserted(() -> assertThat(scimmyMembers("engineering")).doesNotContain(carolInScimmy));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(keycloakGroupsOf("carol")).isEmpty());
    }

    @Test
    void disabledUser_isInactiveInBothApps() {
        transmitter.enqueue(user("u-dave", "dave", "Dave", "Miller", true, List.of()).created().sign());
        awaitUser(scimmyReader, "dave");
        awaitUser(keycloakReader, "dave");

        transmitter.enqueue(user("u-dave", "dave", "Dave", "Miller", false, List.of()).sign());

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(present(scimmyReader, "dave").path("active").asBoolean()).isFalse();
            assertThat(present(keycloakReader, "dave").path("active").asBoolean()).isFalse();
        });
    }

    @Test
    void deletedUser_isDeletedOrDeactivated_perEachTargetsMode() {
        transmitter.enqueue(user("u-erin", "erin", "Erin", "Brook", true, List.of()).created().sign());
        awaitUser(scimmyReader, "erin");
        awaitUser(keycloakReader, "erin");

        transmitter.enqueue(user("u-erin", "erin", "Erin", "Brook", true, List.of()).deleted().sign());

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(scimmyReader.userByName("erin")).as("SCIMMY target deletes").isEmpty();
            assertThat(present(keycloakReader, "erin").path("active").asBoolean())
                    .as("Keycloak target deactivates").isFalse();
        });
    }

    @Test
    void replayedAndOlderEvents_changeNothingDownstream() {
        TestTransmitter.SignedSet created = user("u-frank", "frank", "Frank", "Old", true, List.of()).created().sign();
        TestTransmitter.SignedSet renamed = user("u-frank", "frank", "Frank", "New", true, List.of()).sign();
        transmitter.enqueue(created, renamed);
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(present(scimmyReader, "frank").path("name").path("familyName").asText()).isEqualTo("New");
            assertThat(present(keycloakReader, "frank").path("name").path("familyName").asText()).isEqualTo("New");
        });

        // the same SET again, and an older state under a new jti but its old seq
        transmitter.enqueue(renamed);
        transmitter.enqueue(user("u-frank", "frank", "Frank", "Old", false, List.of()).seq(created.seq()).sign());
        // a marker after them: once it is downstream, the two before it have been taken in
        transmitter.enqueue(user("u-marker", "marker", "Mark", "Er", true, List.of()).created().sign());
        awaitUser(scimmyReader, "marker");
        awaitUser(keycloakReader, "marker");

        for (ScimReader app : List.of(scimmyReader, keycloakReader)) {
            JsonNode frank = present(app, "frank");
            assertThat(frank.path("name").path("familyName").asText()).isEqualTo("New");
            assertThat(frank.path("active").asBoolean()).isTrue();
        }
    }

    private static TestTransmitter.SetBuilder user(String id, String userName, String given, String family, boolean active,
                                                   List<String> groupIds) {
        List<Map<String, String>> groups = new ArrayList<>();
        for (String groupId : groupIds) {
            groups.add(Map.of("id", groupId, "name", "engineering", "path", "/engineering"));
        }
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("realm", "hub");
        extension.put("emailVerified", true);
        extension.put("attributes", Map.of("department", List.of("Research")));
        extension.put("groups", groups);
        extension.put("federatedIdentities", List.of());
        return transmitter.user(id)
                .username(userName)
                .active(active)
                .dataField("name", Map.of("givenName", given, "familyName", family))
                .dataField("emails", List.of(Map.of("value", userName + "@example.com", "primary", true)))
                .dataField(TestTransmitter.USER_EXTENSION, extension);
    }

    /** The user, or an assertion failure that the surrounding await retries. */
    private static JsonNode present(ScimReader app, String userName) {
        return app.userByName(userName).orElseThrow(() -> new AssertionError(userName + " is not (yet) in the app"));
    }

    private static JsonNode awaitUser(ScimReader app, String userName) {
        return await().atMost(WITHIN).until(() -> app.userByName(userName), Optional::isPresent).orElseThrow();
    }

    private static List<String> scimmyMembers(String groupName) {
        List<String> members = new ArrayList<>();
        scimmyReader.groupByName(groupName).ifPresent(group -> group.path("members").forEach(m -> members.add(m.path("value").asText())));
        return members;
    }

    /** Keycloak's SCIM API does not show members on GET, so read them from its admin API. */
    private static List<String> keycloakGroupsOf(String userName) {
        JsonNode users = keycloak.admin().get("/admin/realms/app-a/users?exact=true&username=" + userName);
        List<String> names = new ArrayList<>();
        if (users.size() == 1) {
            keycloak.admin().get("/admin/realms/app-a/users/" + users.get(0).path("id").asText() + "/groups")
                    .forEach(group -> names.add(group.path("name").asText()));
        }
        return names;
    }
}
