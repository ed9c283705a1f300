package dev.switchboard.gateway.intake.push;

import dev.switchboard.gateway.intake.InboundEventStore;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectStore;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.testing.TestTransmitter;
import dev.switchboard.gateway.testing.TestTransmitterProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.switchboard.gateway.intake.push.PushResourceTest.push;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Each test changes one thing about an otherwise valid SET and expects a refusal that stores nothing. */
@QuarkusTest
@TestProfile(TestTransmitterProfile.class)
@QuarkusTestResource(dev.switchboard.gateway.testing.PostgresTestResource.class)
class PushRefusalTest {

    private static final TestTransmitter TRANSMITTER = TestTransmitterProfile.PUSHER;
    private static final String SOURCE = TestTransmitterProfile.PUSH_SOURCE;

    @Inject
    InboundEventStore events;
    @Inject
    SubjectStore subjects;

    private String userId;

    @BeforeEach
    void newSubject() {
        userId = UUID.randomUUID().toString();
    }

    @Test
    void validSet_isAccepted_soEachRefusalBelowIsCausedByItsOneChange() {
        TestTransmitter.SignedSet set = TRANSMITTER.user(userId).sign();
        push(set.token()).then().statusCode(202);
        assertThat(events.find(SOURCE, set.jti())).isPresent();
    }

    @Test
    void badSignature_isRefusedAsInvalidKeyAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).signedWithForeignKey().sign(), 400, "invalid_key", "signature does not verify");
    }

    @Test
    void unknownKid_isRefusedAsInvalidKeyAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).signedWithUnknownKid().sign(), 400, "invalid_key", "in the JWKS of");
    }

    @Test
    void wrongAudience_isRefusedAsInvalidAudienceAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).audience("someone-else").sign(), 400, "invalid_audience", "someone-else");
    }

    @Test
    void expiredIat_isRefusedAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).issuedAt(Instant.now().minus(Duration.ofDays(8))).sign(),
                400, "invalid_request", "is older than");
    }

    @Test
    void futureIat_isRefusedAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).issuedAt(Instant.now().plus(Duration.ofMinutes(10))).sign(),
                400, "invalid_request", "is in the future");
    }

    @Test
    void replayedJtiWithOtherContent_isAcknowledgedAndChangesNothing() {
        String jti = UUID.randomUUID().toString();
        push(TRANSMITTER.user(userId).jti(jti).seq(1).username("first").sign().token()).then().statusCode(202);

        push(TRANSMITTER.user(userId).jti(jti).seq(2).username("second").sign().token()).then().statusCode(202);

        var state = subjects.find(new SubjectKey(SOURCE, SubjectType.USER, userId)).orElseThrow();
        assertThat(state.seq()).isEqualTo(1);
        assertThat(state.snapshotJson()).contains("\"username\":\"first\"").doesNotContain("second");
        assertThat(events.find(SOURCE, jti).orElseThrow().seq()).isEqualTo(1);
    }

    @Test
    void wrongTyp_isRefusedAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).typ("JWT").sign(), 400, "invalid_request", "typ must be 'secevent+jwt'");
    }

    @Test
    void algNone_isRefusedAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).algNone().sign(), 400, "invalid_key", "alg 'none' is refused");
    }

    @Test
    void hs256_isRefusedAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).hs256().sign(), 400, "invalid_key", "only asymmetric signatures");
    }

    @Test
    void missingSeq_isRefusedAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).withoutSeq().sign(), 400, "invalid_request", "seq is missing");
    }

    @Test
    void unknownSubjectType_isRefusedAndNothingStored() {
        TestTransmitter.SignedSet set = TRANSMITTER.user(userId).subjectUri("/Devices/" + userId).sign();
        assertRefused(set, 400, "invalid_request", "unknown subject type");
        assertThat(subjects.find(new SubjectKey(SOURCE, SubjectType.GROUP, userId))).isEmpty();
    }

    @Test
    void malformedJsonPayload_isRefusedAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).rawPayload("{\"iss\": \"" + TRANSMITTER.issuer() + "\", ").sign(),
                400, "invalid_request", "payload is not a JSON object");
    }

    @Test
    void notAJws_isRefusedAsInvalidRequest() {
        push("this-is-not-a-jws").then().statusCode(400)
                .body("err", org.hamcrest.Matchers.equalTo("invalid_request"))
                .body("description", org.hamcrest.Matchers.containsString("not a compact JWS"));
    }

    @Test
    void unknownIssuer_isRefusedAsInvalidIssuerAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).issuer("http://127.0.0.1:1/realms/nobody").sign(),
                400, "invalid_issuer", "is not a configured source");
    }

    @Test
    void dataIdDifferentFromSubject_isRefusedAndNothingStored() {
        assertRefused(TRANSMITTER.user(userId).dataField("id", "someone-else").sign(),
                400, "invalid_request", "differs from sub_id");
    }

    @Test
    void oversizedBody_isRefusedWith413AndNothingStored() {
        String padding = "x".repeat(300 * 1024);
        TestTransmitter.SignedSet set = TRANSMITTER.user(userId).dataField("padding", padding).sign();
        Response response = push(set.token());
        response.then().statusCode(413)
                .body("err", org.hamcrest.Matchers.equalTo("invalid_request"))
                .body("description", org.hamcrest.Matchers.containsString("exceeds 262144 bytes"));
        assertNothingStored(set);
    }

    @Test
    void wrongContentType_isRefusedAndNothingStored() {
        TestTransmitter.SignedSet set = TRANSMITTER.user(userId).sign();
        given().contentType("application/json").body(set.token().getBytes(java.nio.charset.StandardCharsets.US_ASCII)).when().post("/events/push")
                .then().statusCode(400)
                .body("err", org.hamcrest.Matchers.equalTo("invalid_request"))
                .body("description", org.hamcrest.Matchers.containsString("Content-Type"));
        assertNothingStored(set);
    }

    private void assertRefused(TestTransmitter.SignedSet set, int status, String err, String descriptionPart) {
        push(set.token()).then().statusCode(status)
                .contentType("application/json")
                .body("err", org.hamcrest.Matchers.equalTo(err))
                .body("description", org.hamcrest.Matchers.containsString(descriptionPart));
        assertNothingStored(set);
    }

    private void assertNothingStored(TestTransmitter.SignedSet set) {
        assertThat(events.find(SOURCE, set.jti())).isEmpty();
        assertThat(subjects.find(new SubjectKey(SOURCE, SubjectType.USER, userId))).isEmpty();
    }
}
