package dev.switchboard.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.gateway.links.LinkState;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.switchboard.gateway.delivery.DeliveryScenario.groupKey;
import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static dev.switchboard.gateway.delivery.DeliveryScenario.user;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userTombstone;
import static org.assertj.core.api.Assertions.assertThat;

/** Delivery against a real, independent SCIM server (SCIMMY on node) through the real connectors client. */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class ScimmyDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ScimmyServer scimmy;
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    TestTargets targets;
    @Inject
    DeliveryScenario scenario;
    @Inject
    LinkStore links;

    private TargetDefinition target;

    @BeforeAll
    static void startScimmy() {
        scimmy = ScimmyServer.start();
    }

    @AfterAll
    static void stopScimmy() {
        if (scimmy != null) {
            scimmy.close();
        }
    }

    @BeforeEach
    void scimmyTarget() {
        targets.clear();
        target = DeliveryScenario.target("scimmy-" + newId().substring(0, 8),
                new ScimClientConfig(scimmy.baseUrl(), new ScimAuth.Bearer(scimmy.token()), "scimmy",
                        Duration.ofSeconds(2), Duration.ofSeconds(5)),
                DeprovisionMode.DELETE, true);
        targets.register(target);
    }

    private JsonNode find(String endpoint, String attribute, String value) {
        String filter = URLEncoder.encode(attribute + " eq \"" + value + "\"", StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(scimmy.baseUrl() + endpoint + "?filter=" + filter))
                    .header("Authorization", "Bearer " + scimmy.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body()).path("Resources");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void post(String endpoint, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(scimmy.baseUrl() + endpoint))
                .header("Authorization", "Bearer " + scimmy.token()).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
    }

    private boolean linked(SubjectKey key, LinkState state) {
        return links.find(target.id(), key).map(l -> l.state() == state).orElse(false);
    }

    @Test
    void userWithGroup_isCreatedWithMembership_updated_andDeleted() {
        String groupId = newId();
        String userId = newId();
        String userName = "olga-" + userId;
        scenario.store(groupKey(groupId), 1, DeliveryScenario.group(groupId, "team-" + groupId));
        scenario.store(userKey(userId), 2, user(userId, userName, "Olga", groupId));

        Await.until("membership written at SCIMMY",
                () -> links.find(target.id(), userKey(userId)).map(l -> l.memberships().contains(groupId)).orElse(false));
        JsonNode users = find("/Users", "userName", userName);
        assertThat(users).hasSize(1);
        String remoteUser = users.get(0).path("id").asText();
        JsonNode group = find("/Groups", "displayName", "team-" + groupId).get(0);
        assertThat(group.path("members").findValuesAsText("value")).containsExactly(remoteUser);

        scenario.store(userKey(userId), 3, user(userId, userName, "Olga-Renamed", groupId));
        Await.until("new name at SCIMMY",
                () -> find("/Users", "userName", userName).get(0).path("name").path("givenName").asText().equals("Olga-Renamed"));

        scenario.store(userKey(userId), 4, userTombstone(userId, userName));
        Await.until("user deleted at SCIMMY", () -> linked(userKey(userId), LinkState.DELETED));
        assertThat(find("/Users", "userName", userName)).isEmpty();
    }

    @Test
    void accountAlreadyAtScimmy_isAdoptedNotDuplicated() throws Exception {
        String userId = newId();
        String userName = "pia-" + userId;
        post("/Users", """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s", "active": true}
                """.formatted(userName));

        scenario.store(userKey(userId), 1, user(userId, userName, "Pia"));

        Await.until("user adopted", () -> linked(userKey(userId), LinkState.ACTIVE));
        JsonNode users = find("/Users", "userName", userName);
        assertThat(users).hasSize(1);
        assertThat(users.get(0).path("id").asText()).isEqualTo(links.find(target.id(), userKey(userId)).orElseThrow().remoteId());
        assertThat(users.get(0).path("name").path("givenName").asText()).isEqualTo("Pia");
    }

    @Test
    void deletedBeforeAnyAccountWasRecorded_accountFromALostCreateIsStillDeleted() throws Exception {
        String userId = newId();
        String userName = "lost-" + userId;
        // the app stored this create, but the gateway died before it recorded the answer
        post("/Users", """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s", "externalId": "%s", "active": true}
                """.formatted(userName, userId));

        scenario.store(userKey(userId), 5, userTombstone(userId, userName));

        Await.until("unrecorded account deleted", () -> linked(userKey(userId), LinkState.DELETED));
        assertThat(find("/Users", "userName", userName)).isEmpty();
    }

    @Test
    void groupAlreadyAtScimmyWithMembers_isAdoptedAndKeepsItsMembers() throws Exception {
        String groupId = newId();
        String name = "crew-" + groupId;
        post("/Groups", """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "%s",
                 "members": [{"value": "someone-elses-user"}]}
                """.formatted(name));

        scenario.store(groupKey(groupId), 1, DeliveryScenario.group(groupId, name));

        Await.until("group adopted", () -> linked(groupKey(groupId), LinkState.ACTIVE));
        JsonNode groups = find("/Groups", "displayName", name);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).path("members").findValuesAsText("value")).containsExactly("someone-elses-user");
        assertThat(groups.get(0).path("externalId").asText()).isEqualTo(groupId);
    }
}
