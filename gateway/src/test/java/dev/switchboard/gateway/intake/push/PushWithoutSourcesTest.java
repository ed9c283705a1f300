package dev.switchboard.gateway.intake.push;

import dev.switchboard.gateway.testing.TestTransmitter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.switchboard.gateway.intake.push.PushResourceTest.push;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The default profile has no sources: the gateway starts, polls nothing and refuses every issuer. */
@QuarkusTest
@QuarkusTestResource(dev.switchboard.gateway.testing.PostgresTestResource.class)
class PushWithoutSourcesTest {

    private static final TestTransmitter STRANGER = TestTransmitter.start("stranger", Duration.ofMillis(10));

    @AfterAll
    static void stop() {
        STRANGER.close();
    }

    @Test
    void pushFromAnyIssuer_withNoSourcesConfigured_isRefusedAsInvalidIssuer() {
        push(STRANGER.user(UUID.randomUUID().toString()).sign().token()).then().statusCode(400)
                .body("err", equalTo("invalid_issuer"))
                .body("description", containsString("is not a configured source"));
    }

    @Test
    void sourcesHealth_withNoSourcesConfigured_isUp() {
        given().when().get("/q/health/group/sources").then().statusCode(200).body("status", equalTo("UP"));
    }
}
