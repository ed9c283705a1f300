package dev.switchboard.gateway.audit;

import dev.switchboard.gateway.delivery.DeliveryScenario;
import dev.switchboard.gateway.delivery.DeliveryTestProfile;
import dev.switchboard.gateway.delivery.TestTargets;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The audit log and /me with auth off (the test profile's mode): every change is still recorded. */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class AuditTrailTest {

    @Inject
    TestTargets targets;

    @Test
    void adminActions_areRecordedNewestFirst_withActorObjectAndOutcome() {
        TargetDefinition target = DeliveryScenario.target("au-" + DeliveryScenario.newId().substring(0, 8), DeprovisionMode.DELETE, false);
        targets.register(target);

        given().post("/api/v1/delivery/targets/" + target.id() + "/pause").then().statusCode(200);
        given().post("/api/v1/delivery/dead-letters/987654321/retry").then().statusCode(404);
        given().get("/api/v1/delivery/targets/" + target.id()).then().statusCode(200);

        JsonPath audit = given().queryParam("limit", 2).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        Map<String, Object> newest = audit.getMap("entries[0]");
        assertThat(newest).containsEntry("actor", "anonymous")
                .containsEntry("action", "POST /api/v1/delivery/dead-letters/{taskId}/retry")
                .containsEntry("object", "taskId=987654321").containsEntry("outcome", "rejected");
        Map<String, Object> pause = audit.getMap("entries[1]");
        assertThat(pause).containsEntry("action", "POST /api/v1/delivery/targets/{targetId}/pause")
                .containsEntry("object", "targetId=" + target.id()).containsEntry("outcome", "succeeded");
        assertThat((String) pause.get("details")).contains("status=200");
        assertThat(pause.get("at")).isNotNull();

        String before = audit.getString("entries[0].at");
        assertThat(given().queryParam("before", before).get("/api/v1/audit").jsonPath().getList("entries.action"))
                .doesNotContain("POST /api/v1/delivery/dead-letters/{taskId}/retry");
        given().post("/api/v1/delivery/targets/" + target.id() + "/resume").then().statusCode(200);
    }

    @Test
    void me_withAuthOff_isAnonymousAdmin() {
        given().get("/api/v1/me").then().statusCode(200)
                .body("user", equalTo("anonymous")).body("authMode", equalTo("none"))
                .body("roles", hasItems("switchboard-viewer", "switchboard-admin"))
                .body("csrfToken", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    @Test
    void auditParameters_areChecked() {
        given().queryParam("before", "soon").get("/api/v1/audit").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("before"));
    }
}
