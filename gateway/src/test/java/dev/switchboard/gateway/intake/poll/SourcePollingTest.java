package dev.switchboard.gateway.intake.poll;

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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.switchboard.gateway.intake.Eventually.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The gateway polls {@link TestTransmitterProfile#POLLED} as source {@code kc} on its own thread. */
@QuarkusTest
@TestProfile(TestTransmitterProfile.class)
@QuarkusTestResource(dev.switchboard.gateway.testing.PostgresTestResource.class)
class SourcePollingTest {

    private static final TestTransmitter TRANSMITTER = TestTransmitterProfile.POLLED;
    private static final String SOURCE = TestTransmitterProfile.POLLED_SOURCE;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    InboundEventStore events;
    @Inject
    SubjectStore subjects;

    @AfterEach
    void transmitterWorksAgain() {
        TRANSMITTER.recover();
    }

    @Test
    void polledSets_areStoredThenAcknowledgedOnTheNextPoll() {
        String alice = UUID.randomUUID().toString();
        String staff = UUID.randomUUID().toString();
        TestTransmitter.SignedSet user = TRANSMITTER.user(alice).created().username("alice").sign();
        TestTransmitter.SignedSet group = TRANSMITTER.group(staff).created().sign();

        TRANSMITTER.enqueue(user, group);

        await("both SETs acknowledged", TIMEOUT, () -> TRANSMITTER.acks().containsAll(java.util.List.of(user.jti(), group.jti())));
        assertThat(events.find(SOURCE, user.jti()).orElseThrow().channel()).isEqualTo(Channel.POLL);
        assertThat(events.find(SOURCE, group.jti())).isPresent();
        assertThat(subjects.find(new SubjectKey(SOURCE, SubjectType.USER, alice)).orElseThrow().seq()).isEqualTo(user.seq());
        assertThat(subjects.find(new SubjectKey(SOURCE, SubjectType.GROUP, staff))).isPresent();
        assertThat(TRANSMITTER.queued()).isZero();
    }

    @Test
    void refusedSet_isReportedInSetErrsAndNotStored_whileItsBatchMateIsStored() {
        String id = UUID.randomUUID().toString();
        TestTransmitter.SignedSet bad = TRANSMITTER.user(id).audience("not-us").sign();
        TestTransmitter.SignedSet good = TRANSMITTER.user(UUID.randomUUID().toString()).sign();

        TRANSMITTER.enqueue(bad, good);

        await("bad SET reported", TIMEOUT, () -> TRANSMITTER.setErrs().containsKey(bad.jti()));
        assertThat(TRANSMITTER.setErrs().get(bad.jti()).path("err").asText()).isEqualTo("invalid_audience");
        assertThat(TRANSMITTER.setErrs().get(bad.jti()).path("description").asText()).contains("not-us");
        assertThat(TRANSMITTER.acks()).doesNotContain(bad.jti());
        assertThat(events.find(SOURCE, bad.jti())).isEmpty();
        assertThat(subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id))).isEmpty();
        await("good SET acknowledged", TIMEOUT, () -> TRANSMITTER.acks().contains(good.jti()));
    }

    @Test
    void outOfOrderDelivery_highestSeqWins() {
        String id = UUID.randomUUID().toString();
        TestTransmitter.SignedSet newer = TRANSMITTER.user(id).seq(1_000_002).username("newer").sign();
        TestTransmitter.SignedSet older = TRANSMITTER.user(id).seq(1_000_001).username("older").sign();

        TRANSMITTER.enqueue(newer);
        await("newer acknowledged", TIMEOUT, () -> TRANSMITTER.acks().contains(newer.jti()));
        TRANSMITTER.enqueue(older);
        await("older acknowledged", TIMEOUT, () -> TRANSMITTER.acks().contains(older.jti()));

        var state = subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id)).orElseThrow();
        assertThat(state.seq()).isEqualTo(1_000_002);
        assertThat(state.snapshotJson()).contains("\"username\":\"newer\"");
        assertThat(events.find(SOURCE, older.jti()).orElseThrow().outcome()).isEqualTo(Acceptance.SUPERSEDED);
    }

    @Test
    void reversedSeqWithinOneBatch_endsAtTheHighestSeq() {
        String id = UUID.randomUUID().toString();
        TestTransmitter.SignedSet third = TRANSMITTER.user(id).seq(2_000_003).username("third").sign();
        TestTransmitter.SignedSet first = TRANSMITTER.user(id).seq(2_000_001).username("first").sign();

        TRANSMITTER.enqueue(third, first);

        await("both acknowledged", TIMEOUT, () -> TRANSMITTER.acks().containsAll(java.util.List.of(third.jti(), first.jti())));
        var state = subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id)).orElseThrow();
        assertThat(state.seq()).isEqualTo(2_000_003);
        assertThat(state.snapshotJson()).contains("\"username\":\"third\"");
        assertThat(events.find(SOURCE, third.jti()).orElseThrow().outcome()).isEqualTo(Acceptance.APPLIED);
        assertThat(events.find(SOURCE, first.jti()).orElseThrow().outcome()).isEqualTo(Acceptance.SUPERSEDED);
    }

    @Test
    void keyRotation_isPickedUpWithoutRestart() {
        String before = TRANSMITTER.user(UUID.randomUUID().toString()).sign().jti();
        String oldKid = TRANSMITTER.currentKid();
        String newKid = TRANSMITTER.rotateKey(true);
        assertThat(newKid).isNotEqualTo(oldKid);
        String id = UUID.randomUUID().toString();
        TestTransmitter.SignedSet set = TRANSMITTER.user(id).sign();

        TRANSMITTER.enqueue(set);

        await("SET signed with the rotated key acknowledged", TIMEOUT, () -> TRANSMITTER.acks().contains(set.jti()));
        assertThat(TRANSMITTER.setErrs()).doesNotContainKey(set.jti());
        assertThat(subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id))).isPresent();
        assertThat(before).isNotEqualTo(set.jti());
    }

    @Test
    void sourceDown_isReportedUnhealthy_thenRecoversAndDelivers() {
        TRANSMITTER.failWith(TestTransmitter.Failure.SERVER_ERROR);
        await("source reported DOWN", TIMEOUT, () -> sourceHealth().startsWith("DOWN"));
        assertThat(sourceHealth()).contains("HTTP 503");
        given().when().get("/q/health/group/sources").then().statusCode(503);

        TRANSMITTER.failWith(TestTransmitter.Failure.GARBAGE);
        await("garbage reported", TIMEOUT, () -> sourceHealth().contains("non-JSON"));

        TRANSMITTER.recover();
        String id = UUID.randomUUID().toString();
        TestTransmitter.SignedSet set = TRANSMITTER.user(id).sign();
        TRANSMITTER.enqueue(set);
        await("SET acknowledged after recovery", TIMEOUT, () -> TRANSMITTER.acks().contains(set.jti()));
        await("source reported UP", TIMEOUT, () -> sourceHealth().startsWith("UP"));
        given().when().get("/q/health/group/sources").then().statusCode(200);
        assertThat(subjects.find(new SubjectKey(SOURCE, SubjectType.USER, id))).isPresent();
    }

    private static String sourceHealth() {
        JsonPath health = given().when().get("/q/health/group/sources").then().extract().jsonPath();
        return health.getString("checks.find { it.name == 'intake-sources' }.data." + SOURCE);
    }
}
