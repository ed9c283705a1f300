package dev.switchboard.gateway.ops;

import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.gateway.attempts.AttemptLog;
import dev.switchboard.gateway.delivery.Await;
import dev.switchboard.gateway.delivery.DeliveryScenario;
import dev.switchboard.gateway.delivery.DeliveryTestProfile;
import dev.switchboard.gateway.delivery.FakeScimClients;
import dev.switchboard.gateway.delivery.FakeScimServer;
import dev.switchboard.gateway.delivery.TestTargets;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static dev.switchboard.gateway.delivery.DeliveryScenario.user;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class DeliveryOpsResourceTest {

    @Inject
    TestTargets targets;
    @Inject
    FakeScimClients apps;
    @Inject
    DeliveryScenario scenario;
    @Inject
    LinkStore links;
    @Inject
    AttemptLog attempts;

    private TargetDefinition target;
    private FakeScimServer app;

    @BeforeEach
    void newTarget() {
        targets.clear();
        target = DeliveryScenario.target("ops-" + newId().substring(0, 8), DeprovisionMode.DELETE, false);
        targets.register(target);
        app = apps.server(target.connection().baseUrl().toString());
    }

    private List<Integer> deadLetterIds() {
        return given().queryParam("target", target.id()).get("/api/v1/delivery/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("id", Integer.class);
    }

    @Test
    void permanentFailure_isDeadLettered_thenReplayThroughTheApiDelivers() {
        String id = newId();
        app.failNext(-1, () -> new ScimException.Permanent("POST /Users answered 400", 400, "invalidValue"));

        scenario.store(userKey(id), 1, user(id, "ivan-" + id, "Ivan"));

        Await.until("dead letter listed", () -> deadLetterIds().size() == 1);
        Await.until("failed attempt logged", () -> attempts.ofTarget(target.id(), 10).size() == 1);
        given().get("/api/v1/delivery/targets/" + target.id()).then().statusCode(200)
                .body("state", equalTo("degraded")).body("deadLetters", equalTo(1))
                .body("lastError.status", equalTo(400));
        app.heal();

        given().post("/api/v1/delivery/dead-letters/" + deadLetterIds().get(0) + "/retry").then().statusCode(202);

        Await.until("user delivered after replay", () -> links.find(target.id(), userKey(id)).isPresent());
        assertThat(deadLetterIds()).isEmpty();
        assertThat(app.stored(ResourceType.USER)).hasSize(1);
    }

    @Test
    void bulkReplay_andDiscard_actOnlyOnDeadLetters() {
        app.failNext(-1, () -> new ScimException.Permanent("POST /Users answered 400", 400, "invalidValue"));
        String a = newId();
        String b = newId();
        scenario.store(userKey(a), 1, user(a, "jo-" + a, "Jo"));
        scenario.store(userKey(b), 1, user(b, "kim-" + b, "Kim"));
        Await.until("two dead letters", () -> deadLetterIds().size() == 2);

        given().delete("/api/v1/delivery/dead-letters/" + deadLetterIds().get(0)).then().statusCode(204);
        given().delete("/api/v1/delivery/dead-letters/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("taskId"));
        app.heal();
        given().queryParam("target", target.id()).post("/api/v1/delivery/dead-letters/retry").then().statusCode(202)
                .body("count", equalTo(1));

        Await.until("one user delivered", () -> app.stored(ResourceType.USER).size() == 1);
        assertThat(deadLetterIds()).isEmpty();
    }

    @Test
    void deadLetters_acceptTargetIdAsWellAsTarget_forListAndBulkRetry() {
        app.failNext(-1, () -> new ScimException.Permanent("POST /Users answered 400", 400, "invalidValue"));
        String id = newId();
        scenario.store(userKey(id), 1, user(id, "al-" + id, "Al"));
        Await.until("dead letter listed", () -> deadLetterIds().size() == 1);

        given().queryParam("targetId", target.id()).get("/api/v1/delivery/dead-letters").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].targetId", equalTo(target.id()));
        app.heal();
        given().queryParam("targetId", target.id()).post("/api/v1/delivery/dead-letters/retry").then().statusCode(202)
                .body("count", equalTo(1));
        Await.until("delivered after bulk retry", () -> links.find(target.id(), userKey(id)).isPresent());
    }

    @Test
    void pausedTarget_holdsWork_andResumeReleasesIt() {
        given().post("/api/v1/delivery/targets/" + target.id() + "/pause").then().statusCode(200).body("state", equalTo("paused"));
        String id = newId();

        scenario.store(userKey(id), 1, user(id, "lee-" + id, "Lee"));

        given().get("/api/v1/delivery/targets/" + target.id()).then().statusCode(200)
                .body("state", equalTo("paused")).body("backlog", equalTo(1));
        assertThat(app.requests()).isEmpty();
        given().post("/api/v1/delivery/targets/" + target.id() + "/resume").then().statusCode(200);
        Await.until("user delivered after resume", () -> links.find(target.id(), userKey(id)).isPresent());
        Await.until("attempt logged", () -> attempts.ofTarget(target.id(), 10).size() == 1);
        given().get("/api/v1/delivery/targets/" + target.id()).then().statusCode(200)
                .body("state", equalTo("healthy")).body("backlog", equalTo(0)).body("succeededLastHour", equalTo(1));
    }

    @Test
    void subjectStatus_showsEachTargetsLink_andRedactedAttempts() {
        String id = newId();
        scenario.store(userKey(id), 1, user(id, "mia-" + id, "Mia"));
        Await.until("user delivered", () -> links.find(target.id(), userKey(id)).isPresent());
        Await.until("attempt logged", () -> attempts.ofTarget(target.id(), 10).size() == 1);

        JsonPath status = given().get("/api/v1/delivery/subjects/hub/users/" + id).then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();

        assertThat(status.getString("targets[0].targetId")).isEqualTo(target.id());
        assertThat(status.getString("targets[0].linkState")).isEqualTo("ACTIVE");
        assertThat(status.getString("recentAttempts[0].method")).isEqualTo("POST");
        String excerpt = status.getString("recentAttempts[0].requestExcerpt");
        assertThat(excerpt).contains("\"active\":true").doesNotContain("mia-").doesNotContain("@example.com").doesNotContain("Mia");
    }

    @Test
    void unknownTargetOrBadInput_areProblemDetailsNamingTheField() {
        given().get("/api/v1/delivery/targets/nope").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("targetId")).body("detail", not(containsString("Exception")));
        given().get("/api/v1/delivery/subjects/hub/devices/x").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("type"));
        given().queryParam("limit", 0).get("/api/v1/delivery/targets/" + target.id() + "/attempts").then().statusCode(400)
                .body("detail", containsString("limit"));
    }

    @Test
    void metrics_exposeDeliveryAttemptsByOutcome() {
        String id = newId();
        scenario.store(userKey(id), 1, user(id, "ned-" + id, "Ned"));
        Await.until("user delivered", () -> links.find(target.id(), userKey(id)).isPresent());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("switchboard_delivery_attempts_total{outcome=\"ok\",target=\"" + target.id() + "\"}")
                .contains("switchboard_delivery_request_seconds_bucket");
    }
}
