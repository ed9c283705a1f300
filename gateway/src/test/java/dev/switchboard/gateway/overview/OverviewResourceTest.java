package dev.switchboard.gateway.overview;

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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static dev.switchboard.gateway.delivery.DeliveryScenario.user;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class OverviewResourceTest {

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
    @Inject
    ActivityRollup rollup;

    private TargetDefinition healthy;
    private TargetDefinition failing;
    private FakeScimServer failingApp;

    @BeforeEach
    void twoTargets() {
        targets.clear();
        healthy = DeliveryScenario.target("ov-ok-" + newId().substring(0, 8), DeprovisionMode.DELETE, false);
        failing = DeliveryScenario.target("ov-bad-" + newId().substring(0, 8), DeprovisionMode.DELETE, false);
        targets.register(healthy);
        targets.register(failing);
        failingApp = apps.server(failing.connection().baseUrl().toString());
    }

    private Map<String, Object> row(JsonPath overview, String targetId) {
        List<Map<String, Object>> rows = overview.getList("targets");
        return rows.stream().filter(r -> targetId.equals(r.get("targetId"))).findFirst().orElseThrow();
    }

    @Test
    void deliveredAndDeadLetteredWork_showsAsHealthyAndDegradedRowsWithLastHourCounts() {
        failingApp.failNext(-1, () -> new ScimException.Permanent("POST /Users answered 400", 400, "invalidValue"));
        String a = newId();
        String b = newId();
        scenario.store(userKey(a), 1, user(a, "ann-" + a, "Ann"));
        scenario.store(userKey(b), 1, user(b, "bob-" + b, "Bob"));
        Await.until("delivered to the healthy target", () -> links.find(healthy.id(), userKey(a)).isPresent()
                && links.find(healthy.id(), userKey(b)).isPresent());
        Await.until("failures logged", () -> attempts.ofTarget(failing.id(), 10).size() == 2
                && attempts.ofTarget(healthy.id(), 10).size() == 2);

        rollup.rollUp();

        JsonPath overview = given().get("/api/v1/overview").then().statusCode(200).extract().jsonPath();
        assertThat(overview.getString("generatedAt")).isNotBlank();
        Map<String, Object> ok = row(overview, healthy.id());
        assertThat(ok).containsEntry("state", "HEALTHY").containsEntry("name", healthy.displayName())
                .containsEntry("backlog", 0).containsEntry("deadLetters", 0).containsEntry("succeededLastHour", 2)
                .containsEntry("failedLastHour", 0).containsEntry("lastError", null);
        assertThat(ok.get("lastSuccessAt")).isNotNull();
        Map<String, Object> bad = row(overview, failing.id());
        assertThat(bad).containsEntry("state", "DEGRADED").containsEntry("deadLetters", 2)
                .containsEntry("succeededLastHour", 0).containsEntry("failedLastHour", 2).containsEntry("lastSuccessAt", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> lastError = (Map<String, Object>) bad.get("lastError");
        assertThat((String) lastError.get("message")).contains("POST").contains("400").contains("permanent");
    }

    @Test
    void pausedTarget_isPaused_andItsBacklogShowsInTheSeries() {
        given().post("/api/v1/delivery/targets/" + healthy.id() + "/pause").then().statusCode(200);
        String id = newId();
        scenario.store(userKey(id), 1, user(id, "cy-" + id, "Cy"));

        rollup.rollUp();

        Map<String, Object> paused = row(given().get("/api/v1/overview").then().statusCode(200).extract().jsonPath(), healthy.id());
        assertThat(paused).containsEntry("state", "PAUSED").containsEntry("backlog", 1);
        assertThat(((Number) paused.get("oldestPendingAgeSeconds")).longValue()).isGreaterThanOrEqualTo(0);
        JsonPath series = given().queryParam("minutes", 15).get("/api/v1/targets/" + healthy.id() + "/series")
                .then().statusCode(200).extract().jsonPath();
        assertThat(series.getList("points")).hasSize(15);
        assertThat(series.getLong("points[14].backlog")).isEqualTo(1);
        assertThat(series.getString("points[0].at")).endsWith(":00Z");
        given().post("/api/v1/delivery/targets/" + healthy.id() + "/resume").then().statusCode(200);
    }

    @Test
    void seriesCountsTheCurrentMinutesDeliveries() {
        String id = newId();
        scenario.store(userKey(id), 1, user(id, "di-" + id, "Di"));
        Await.until("attempt logged", () -> attempts.ofTarget(healthy.id(), 10).size() == 1);

        rollup.rollUp();

        JsonPath series = given().get("/api/v1/targets/" + healthy.id() + "/series").then().statusCode(200).extract().jsonPath();
        assertThat(series.getList("points")).hasSize(60);
        long succeeded = series.getList("points.succeeded", Long.class).stream().mapToLong(Long::longValue).sum();
        assertThat(succeeded).isEqualTo(1);
    }

    @Test
    void seriesRefusesOutOfRangeMinutes_andUnknownTargets() {
        given().queryParam("minutes", 0).get("/api/v1/targets/" + healthy.id() + "/series").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("minutes"));
        given().queryParam("minutes", "many").get("/api/v1/targets/" + healthy.id() + "/series").then().statusCode(400)
                .body("detail", containsString("minutes"));
        given().get("/api/v1/targets/no-such-target/series").then().statusCode(404).contentType("application/problem+json");
    }
}
