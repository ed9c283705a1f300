package dev.switchboard.gateway.people;

import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.gateway.delivery.DeliveryScenario;
import dev.switchboard.gateway.delivery.DeliveryTestProfile;
import dev.switchboard.gateway.delivery.TestTargets;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectStore;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Provision-on-demand to a real SCIM app (SCIMMY) for a person delivery has not touched yet. */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class ProvisionNowTest {

    private static ScimmyServer scimmy;

    @Inject
    TestTargets targets;
    @Inject
    SubjectStore subjects;
    @Inject
    LinkStore links;

    private TargetDefinition target;

    @BeforeAll
    static void startScimmy() {
        scimmy = ScimmyServer.start();
    }

    @AfterAll
    static void stopScimmy() {
        scimmy.close();
    }

    @BeforeEach
    void scimmyTarget() {
        targets.clear();
        target = DeliveryScenario.target("pn-" + newId().substring(0, 8), new ScimClientConfig(scimmy.baseUrl(),
                new ScimAuth.Bearer(scimmy.token()), "scimmy", Duration.ofSeconds(2), Duration.ofSeconds(5)), DeprovisionMode.DELETE, false);
        targets.register(target);
    }

    /** Stored as intake would, but no change is fired: delivery knows nothing about this person yet. */
    private SubjectKey storedQuietly(String username) {
        String id = newId();
        SubjectKey key = new SubjectKey(DeliveryScenario.SOURCE, SubjectType.USER, id);
        UserSnapshot user = new UserSnapshot(id, "hub", username, username + "@example.com", true, "Pat", "Now", true,
                Map.of(), List.of(), List.of());
        QuarkusTransaction.requiringNew().run(() -> subjects.applyIfNewer(key, 1, user, Instant.now()));
        return key;
    }

    private JsonPath provision(SubjectKey key) {
        return given().post("/api/v1/people/" + key.sourceId() + "/" + key.subjectId() + "/provision")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void newPerson_isCreatedAtTheApp_andTheAnswerShowsTheCreateStep() {
        SubjectKey key = storedQuietly("pat-" + newId().substring(0, 8));
        assertThat(links.find(target.id(), key)).isEmpty();

        JsonPath result = provision(key);

        assertThat(result.getString("results[0].targetId")).isEqualTo(target.id());
        assertThat(result.getString("results[0].status")).isEqualTo("done");
        List<Map<String, Object>> steps = result.getList("results[0].steps");
        assertThat(steps).anySatisfy(step -> assertThat(step).containsEntry("step", "create user").containsEntry("method", "POST")
                .containsEntry("path", "/Users").containsEntry("status", 201).containsEntry("outcome", "ok"));
        assertThat(links.find(target.id(), key)).isPresent();
    }

    @Test
    void personAlreadyInSync_isDone_withNothingToChange() {
        SubjectKey key = storedQuietly("sam-" + newId().substring(0, 8));
        provision(key);

        JsonPath again = provision(key);

        assertThat(again.getString("results[0].status")).isEqualTo("done");
        assertThat(again.getList("results[0].steps")).isEmpty();
        assertThat(again.getString("results[0].message")).isEqualTo("nothing to change");
    }

    @Test
    void pausedTarget_isReportedPaused_andNothingIsSent() {
        given().post("/api/v1/delivery/targets/" + target.id() + "/pause").then().statusCode(200);
        SubjectKey key = storedQuietly("kim-" + newId().substring(0, 8));

        JsonPath result = provision(key);

        assertThat(result.getString("results[0].status")).isEqualTo("paused");
        assertThat(links.find(target.id(), key)).isEmpty();
        given().post("/api/v1/delivery/targets/" + target.id() + "/resume").then().statusCode(200);
    }

    @Test
    void unknownPerson_is404() {
        given().post("/api/v1/people/hub/no-such-person/provision").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void stepNames_readAsWhatHappened() {
        assertThat(ProvisionNow.stepName("POST", "/Users")).isEqualTo("create user");
        assertThat(ProvisionNow.stepName("PATCH", "/Groups/7")).isEqualTo("update group");
        assertThat(ProvisionNow.stepName("DELETE", "/Users/9")).isEqualTo("delete user");
    }
}
