package dev.switchboard.gateway.intake.push;

import dev.switchboard.gateway.intake.Acceptance;
import dev.switchboard.gateway.intake.Channel;
import dev.switchboard.gateway.intake.InboundEventStore;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectStore;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.testing.TestTransmitter;
import dev.switchboard.gateway.testing.TestTransmitterProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(TestTransmitterProfile.class)
@QuarkusTestResource(dev.switchboard.gateway.testing.PostgresTestResource.class)
class PushResourceTest {

    private static final TestTransmitter TRANSMITTER = TestTransmitterProfile.PUSHER;
    private static final String SOURCE = TestTransmitterProfile.PUSH_SOURCE;

    @Inject
    InboundEventStore events;
    @Inject
    SubjectStore subjects;

    @Test
    void validUserSet_isAcceptedAndStoredWithSubjectState() {
        String id = UUID.randomUUID().toString();
        TestTransmitter.SignedSet set = TRANSMITTER.user(id).created().seq(7).username("alice").sign();

        push(set.token()).then().statusCode(202);

        var event = events.find(SOURCE, set.jti()).orElseThrow();
        assertThat(event.outcome()).isEqualTo(Acceptance.APPLIED);
        assertThat(event.channel()).isEqualTo(Channel.PUSH);
        assertThat(event.eventType()).isEqualTo("urn:ietf:params:scim:event:prov:create:full");
        var state = subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id)).orElseThrow();
        assertThat(state.seq()).isEqualTo(7);
        assertThat(state.deleted()).isFalse();
        assertThat(state.snapshotJson()).contains("\"username\":\"alice\"").contains("\"realm\":\"pushers\"");
    }

    @Test
    void sameSetPushedTwice_isAcceptedTwiceAndStoredOnce() {
        String id = UUID.randomUUID().toString();
        TestTransmitter.SignedSet set = TRANSMITTER.user(id).seq(3).sign();

        push(set.token()).then().statusCode(202);
        push(set.token()).then().statusCode(202);

        assertThat(events.find(SOURCE, set.jti())).isPresent();
        assertThat(subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id)).orElseThrow().seq()).isEqualTo(3);
    }

    @Test
    void olderSeqAfterNewer_isStoredAsSupersededAndStateKeepsNewer() {
        String id = UUID.randomUUID().toString();
        TestTransmitter.SignedSet newer = TRANSMITTER.user(id).seq(20).username("newer").sign();
        TestTransmitter.SignedSet older = TRANSMITTER.user(id).seq(10).username("older").sign();

        push(newer.token()).then().statusCode(202);
        push(older.token()).then().statusCode(202);

        assertThat(events.find(SOURCE, older.jti()).orElseThrow().outcome()).isEqualTo(Acceptance.SUPERSEDED);
        var state = subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id)).orElseThrow();
        assertThat(state.seq()).isEqualTo(20);
        assertThat(state.snapshotJson()).contains("\"username\":\"newer\"");
    }

    @Test
    void deleteAfterPut_storesTombstoneAndMarksDeleted() {
        String id = UUID.randomUUID().toString();
        push(TRANSMITTER.user(id).seq(1).username("bob").sign().token()).then().statusCode(202);

        push(TRANSMITTER.user(id).seq(2).username("bob").deleted().sign().token()).then().statusCode(202);

        var state = subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id)).orElseThrow();
        assertThat(state.deleted()).isTrue();
        assertThat(state.seq()).isEqualTo(2);
        assertThat(state.snapshotJson()).contains("\"type\":\"USER\"").contains("\"username\":\"bob\"");
    }

    @Test
    void groupSet_isStoredAsGroupState() {
        String id = UUID.randomUUID().toString();

        push(TRANSMITTER.group(id).seq(5).sign().token()).then().statusCode(202);

        var state = subjects.find(new SubjectKey(SOURCE, SubjectType.GROUP, id)).orElseThrow();
        assertThat(state.snapshotJson()).contains("\"name\":\"group-" + id + "\"").contains("\"path\":\"/group-" + id + "\"");
    }

    @Test
    void refusedAndAcceptedPushes_areCountedPerSourceInPrometheusMetrics() {
        push(TRANSMITTER.user(UUID.randomUUID().toString()).audience("elsewhere").sign().token()).then().statusCode(400);
        push(TRANSMITTER.user(UUID.randomUUID().toString()).sign().token()).then().statusCode(202);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .containsPattern("switchboard_intake_sets_refused_total\\{[^}]*err=\"invalid_audience\"[^}]*source=\"pusher\"")
                .containsPattern("switchboard_intake_sets_accepted_total\\{[^}]*outcome=\"applied\"[^}]*source=\"pusher\"")
                .containsPattern("switchboard_intake_last_success_seconds\\{[^}]*source=\"pusher\"");
    }

    static io.restassured.response.Response push(String token) {
        return given().contentType(PushResource.SECEVENT_JWT).body(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .when().post("/events/push");
    }
}
