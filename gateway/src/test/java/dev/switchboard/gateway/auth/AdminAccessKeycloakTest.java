package dev.switchboard.gateway.auth;

import dev.switchboard.gateway.delivery.DeliveryScenario;
import dev.switchboard.gateway.delivery.TestTargets;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The admin API in OIDC mode against a real Keycloak: bearer tokens from the password grant stand
 * in for scripts, the code flow over HTTP for the console's cookie session.
 */
@QuarkusTest
@TestProfile(AdminAuthTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class AdminAccessKeycloakTest {

    @Inject
    TestTargets targets;
    @TestHTTPResource("/")
    URI gateway;

    private TargetDefinition target;

    @BeforeEach
    void aTarget() {
        targets.clear();
        target = DeliveryScenario.target("auth-" + DeliveryScenario.newId().substring(0, 8), DeprovisionMode.DELETE, false);
        targets.register(target);
    }

    private static String token(String user) {
        return given().formParams(Map.of("grant_type", "password", "client_id", KeycloakConsoleRealm.CLIENT_ID,
                        "client_secret", KeycloakConsoleRealm.CLIENT_SECRET, "username", user,
                        "password", KeycloakConsoleRealm.PASSWORD, "scope", "openid"))
                .post(KeycloakConsoleRealm.realmUrl + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(token(user));
    }

    private String pausePath() {
        return "/api/v1/delivery/targets/" + target.id() + "/pause";
    }

    private List<Map<String, Object>> auditFor(String action) {
        JsonPath audit = as("admin").get("/api/v1/audit?limit=50").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = audit.getList("entries");
        return entries.stream().filter(e -> action.equals(e.get("action")) && ("targetId=" + target.id()).equals(e.get("object"))).toList();
    }

    @Test
    void noToken_is401ProblemWithABearerChallenge() {
        given().get("/api/v1/overview").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().post(pausePath()).then().statusCode(401);
    }

    @Test
    void forgedToken_isRefused() {
        String real = token("admin");
        String[] parts = real.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        given().auth().oauth2(forged).get("/api/v1/overview").then().statusCode(401);
    }

    @Test
    void viewer_readsEverything_butEveryChangeIs403AndAudited() {
        as("viewer").get("/api/v1/overview").then().statusCode(200);
        as("viewer").get("/api/v1/delivery/targets/" + target.id()).then().statusCode(200);
        as("viewer").get("/api/v1/me").then().statusCode(200).body("user", equalTo("viewer"))
                .body("roles", equalTo(List.of("switchboard-viewer"))).body("authMode", equalTo("oidc"));

        as("viewer").post(pausePath()).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("admin role"));

        assertThat(auditFor("POST /api/v1/delivery/targets/{targetId}/pause"))
                .anySatisfy(e -> assertThat(e).containsEntry("actor", "viewer").containsEntry("outcome", "denied"));
        as("admin").get("/api/v1/delivery/targets/" + target.id()).then().body("state", equalTo("healthy"));
    }

    @Test
    void admin_withBearerToken_changesWithoutCsrf_andIsAudited() {
        as("admin").post(pausePath()).then().statusCode(200).body("state", equalTo("paused"));

        assertThat(auditFor("POST /api/v1/delivery/targets/{targetId}/pause"))
                .anySatisfy(e -> assertThat(e).containsEntry("actor", "admin").containsEntry("outcome", "succeeded"));
        as("admin").post("/api/v1/delivery/targets/" + target.id() + "/resume").then().statusCode(200);
    }

    @Test
    void consolePage_withoutSession_redirectsToKeycloakLogin() {
        HttpResponse<String> response = new BrowserSession().get(gateway.resolve("/console/"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(BrowserSession.header(response, "Location")).get().asString()
                .startsWith(KeycloakConsoleRealm.realmUrl + "/protocol/openid-connect/auth");
    }

    @Test
    void cookieSession_changeNeedsTheCsrfTokenFromMe() {
        BrowserSession browser = new BrowserSession();
        browser.signIn(gateway.resolve("/console/"), "admin", KeycloakConsoleRealm.PASSWORD);
        String cookies = browser.cookieHeader(gateway);
        assertThat(cookies).contains("q_session");

        JsonPath me = given().header("Cookie", cookies).get("/api/v1/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getString("user")).isEqualTo("admin");
        assertThat(me.getList("roles")).containsExactly("switchboard-viewer", "switchboard-admin");
        String csrf = me.getString("csrfToken");

        given().header("Cookie", cookies).post(pausePath()).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("X-Switchboard-CSRF"));
        given().header("Cookie", cookies).header("X-Switchboard-CSRF", csrf + "x").post(pausePath()).then().statusCode(403);
        given().header("Cookie", cookies).header("X-Switchboard-CSRF", csrf).post(pausePath()).then().statusCode(200)
                .body("state", equalTo("paused"));
        given().header("Cookie", cookies).header("X-Switchboard-CSRF", csrf)
                .post("/api/v1/delivery/targets/" + target.id() + "/resume").then().statusCode(200);
    }

    @Test
    void health_staysOpen() {
        given().get("/q/health").then().statusCode(200);
    }
}
