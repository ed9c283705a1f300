package dev.switchboard.gateway.ops;

import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.gateway.delivery.DeliveryScenario;
import dev.switchboard.gateway.delivery.DeliveryTestProfile;
import dev.switchboard.gateway.delivery.TestTargets;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import dev.switchboard.testkit.process.LoopbackPorts;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** "Test connection" against a real SCIM server (SCIMMY), which also shows it writes nothing there. */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class ConnectionTestResourceTest {

    private static ScimmyServer scimmy;

    @Inject
    TestTargets targets;

    @BeforeAll
    static void startScimmy() {
        scimmy = ScimmyServer.start();
    }

    @AfterAll
    static void stopScimmy() {
        scimmy.close();
    }

    private String register(URI baseUrl, ScimAuth auth) {
        String id = "conn-" + DeliveryScenario.newId().substring(0, 8);
        targets.register(DeliveryScenario.target(id, new ScimClientConfig(baseUrl, auth, "generic", Duration.ofSeconds(2),
                Duration.ofSeconds(10)), DeprovisionMode.DELETE, false));
        return id;
    }

    private JsonPath test(String targetId) {
        return given().post("/api/v1/targets/" + targetId + "/test-connection").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void workingApp_passesEveryCheck_andReportsItsCapabilities() {
        JsonPath report = test(register(scimmy.baseUrl(), new ScimAuth.Bearer(scimmy.token())));

        assertThat(report.getBoolean("ok")).isTrue();
        assertThat(report.getList("checks.name")).containsExactly("reachable", "auth", "serviceProviderConfig");
        assertThat(report.getList("checks.ok", Boolean.class)).containsOnly(true);
        assertThat(report.getMap("capabilities")).containsKeys("patch", "filter", "bulk", "etag");
        assertThat(report.getBoolean("capabilities.patch")).isTrue();
        assertThat(report.getLong("checks[0].latencyMs")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void wrongToken_failsTheAuthCheck_withoutShowingTheToken() {
        String wrong = "not-the-token-" + DeliveryScenario.newId();
        JsonPath report = test(register(scimmy.baseUrl(), new ScimAuth.Bearer(wrong)));

        assertThat(report.getBoolean("ok")).isFalse();
        assertThat(report.getBoolean("checks[0].ok")).isTrue();
        assertThat(report.getBoolean("checks[1].ok")).isFalse();
        assertThat(report.getString("checks[1].detail")).contains("401");
        assertThat(report.prettify()).doesNotContain(wrong);
    }

    @Test
    void nothingListening_failsReachable_andSkipsTheRest() {
        URI closed = URI.create("http://127.0.0.1:" + LoopbackPorts.free() + "/scim/v2");
        JsonPath report = test(register(closed, new ScimAuth.None()));

        assertThat(report.getBoolean("ok")).isFalse();
        assertThat(report.getBoolean("checks[0].ok")).isFalse();
        assertThat(report.getString("checks[0].detail")).contains("no answer");
        assertThat(report.getString("checks[1].detail")).startsWith("skipped");
    }

    @Test
    void unknownTarget_is404() {
        given().post("/api/v1/targets/no-such-target/test-connection").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
