package dev.switchboard.gateway.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.gateway.attempts.Attempt;
import dev.switchboard.gateway.attempts.AttemptLog;
import dev.switchboard.gateway.links.LinkState;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.links.TargetLink;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.switchboard.gateway.delivery.DeliveryScenario.groupKey;
import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static dev.switchboard.gateway.delivery.DeliveryScenario.user;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userKey;
import static dev.switchboard.gateway.delivery.DeliveryScenario.userTombstone;
import static org.assertj.core.api.Assertions.assertThat;

/** Event in, right requests out: the whole delivery path on PostgreSQL against in-memory SCIM apps. */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class DeliveryFlowTest {

    @Inject
    TestTargets targets;
    @Inject
    FakeScimClients apps;
    @Inject
    DeliveryScenario scenario;
    @Inject
    LinkStore links;
    @Inject
    DeliveryQueue queue;
    @Inject
    AttemptLog attempts;
    @Inject
    TargetControlStore controls;
    @Inject
    ObjectMapper json;

    private TargetDefinition target;
    private FakeScimServer app;

    @BeforeEach
    void newTarget() {
        targets.clear();
        target = DeliveryScenario.target("app-" + newId().substring(0, 8), DeprovisionMode.DELETE, false);
        targets.register(target);
        app = apps.server(target.connection().baseUrl().toString());
    }

    private Optional<TargetLink> link(SubjectKey key) {
        return links.find(target.id(), key);
    }

    private void awaitIdle(SubjectKey key) {
        Await.until("no pending work for " + key, () -> queue.find(target.id(), key).isEmpty());
    }

    @Test
    void userEvent_isCreatedDownstreamAndLinked() {
        String id = newId();

        scenario.store(userKey(id), 1, user(id, "alice-" + id, "Alice"));

        Await.until("link for the user", () -> link(userKey(id)).isPresent());
        TargetLink link = link(userKey(id)).orElseThrow();
        assertThat(link.state()).isEqualTo(LinkState.ACTIVE);
        assertThat(link.appliedSeq()).isEqualTo(1);
        assertThat(app.requests()).extracting(FakeScimServer.Request::method).containsExactly("POST");
        assertThat(app.stored(ResourceType.USER).get(link.remoteId()).path("userName").asText()).isEqualTo("alice-" + id);
        awaitIdle(userKey(id));
    }

    @Test
    void replayedAndOutOfOrderEvents_changeNothingDownstream() {
        String id = newId();
        scenario.store(userKey(id), 5, user(id, "bob-" + id, "Bob"));
        Await.until("user delivered", () -> link(userKey(id)).isPresent());
        awaitIdle(userKey(id));
        int before = app.requests().size();

        scenario.fireOnly(userKey(id), 5, user(id, "bob-" + id, "Bob"));
        scenario.store(userKey(id), 3, user(id, "bob-" + id, "Robert"));
        scenario.fireOnly(userKey(id), 3, user(id, "bob-" + id, "Robert"));
        awaitIdle(userKey(id));

        assertThat(app.requests()).hasSize(before);
        assertThat(link(userKey(id)).orElseThrow().lastWritten().path("name").path("givenName").asText()).isEqualTo("Bob");
    }

    @Test
    void severalChangesWhilePaused_coalesceIntoOneTaskAndOneUpdate() {
        String id = newId();
        scenario.store(userKey(id), 1, user(id, "carl-" + id, "Carl"));
        Await.until("user delivered", () -> link(userKey(id)).isPresent());
        awaitIdle(userKey(id));
        controls.setPaused(target.id(), true, Instant.now());

        scenario.store(userKey(id), 2, user(id, "carl-" + id, "Carl2"));
        scenario.store(userKey(id), 3, user(id, "carl-" + id, "Carl3"));
        scenario.store(userKey(id), 4, user(id, "carl-" + id, "Carl4"));

        DeliveryTask pending = queue.find(target.id(), userKey(id)).orElseThrow();
        assertThat(pending.wantedSeq()).isEqualTo(4);
        controls.setPaused(target.id(), false, Instant.now());
        Await.until("newest state delivered", () -> link(userKey(id)).orElseThrow().appliedSeq() == 4);
        List<FakeScimServer.Request> updates = app.requests().stream().filter(r -> r.method().equals("PATCH")).toList();
        assertThat(updates).singleElement().satisfies(r ->
                assertThat(r.body().orElseThrow().path("name").path("givenName").asText()).isEqualTo("Carl4"));
    }

    @Test
    void createAnsweredWith409_adoptsTheExistingAccountInsteadOfASecondOne() throws Exception {
        String id = newId();
        String existingId = app.seed(ResourceType.USER, (ObjectNode) json.readTree("""
                {"userName": "dora-%s", "active": true, "name": {"givenName": "D."}}
                """.formatted(id)));

        scenario.store(userKey(id), 1, user(id, "Dora-" + id, "Dora"));

        Await.until("user adopted", () -> link(userKey(id)).isPresent());
        assertThat(link(userKey(id)).orElseThrow().remoteId()).isEqualTo(existingId);
        assertThat(app.stored(ResourceType.USER)).hasSize(1);
        assertThat(app.stored(ResourceType.USER).get(existingId).path("name").path("givenName").asText()).isEqualTo("Dora");
        assertThat(app.requests()).extracting(FakeScimServer.Request::method).containsExactly("POST", "GET", "PATCH");
    }

    @Test
    void retryableFailures_areRetriedWithBackoffUntilDelivered() {
        String id = newId();
        app.failNext(2, () -> new ScimException.Retryable("POST /Users answered 503", 503, Duration.ofMillis(10), null));

        scenario.store(userKey(id), 1, user(id, "erin-" + id, "Erin"));

        Await.until("user delivered after retries", () -> link(userKey(id)).isPresent());
        Await.until("three attempts logged", () -> attempts.ofSubject(userKey(id), 10).size() == 3);
        List<Attempt> logged = attempts.ofSubject(userKey(id), 10);
        assertThat(logged).extracting(Attempt::outcome).containsExactly("ok", "retryable", "retryable");
        assertThat(logged.get(1).status()).isEqualTo(503);
        assertThat(app.stored(ResourceType.USER)).hasSize(1);
    }

    @Test
    void taskHeldByACrashedWorker_isDeliveredOnceItsLeaseExpires() {
        String id = newId();
        controls.setPaused(target.id(), true, Instant.now());
        scenario.store(userKey(id), 1, user(id, "rex-" + id, "Rex"));
        Instant now = Instant.now();
        // a worker claims it and dies: nobody completes the task, its lease runs out
        assertThat(queue.claim(target.id(), 10, now, now.plusMillis(500), "crashed-worker")).hasSize(1);
        controls.setPaused(target.id(), false, Instant.now());

        Await.until("task re-claimed and delivered", () -> link(userKey(id)).isPresent());

        assertThat(app.stored(ResourceType.USER)).hasSize(1);
        awaitIdle(userKey(id));
    }

    @Test
    void deletedAtSource_isDeletedDownstream_andALaterEventNeverRecreatesIt() {
        String id = newId();
        scenario.store(userKey(id), 1, user(id, "finn-" + id, "Finn"));
        Await.until("user delivered", () -> link(userKey(id)).isPresent());
        String remoteId = link(userKey(id)).orElseThrow().remoteId();

        scenario.store(userKey(id), 2, userTombstone(id, "finn-" + id));
        Await.until("user deleted downstream", () -> link(userKey(id)).orElseThrow().state() == LinkState.DELETED);
        scenario.fireOnly(userKey(id), 1, user(id, "finn-" + id, "Finn"));
        awaitIdle(userKey(id));

        assertThat(app.stored(ResourceType.USER)).doesNotContainKey(remoteId).isEmpty();
        assertThat(link(userKey(id)).orElseThrow().isTombstone()).isTrue();
        assertThat(app.requests()).extracting(FakeScimServer.Request::method).containsExactly("POST", "DELETE");
    }

    @Test
    void userLeavingScope_deactivateTarget_isDeactivatedNotDeleted() {
        targets.clear();
        target = DeliveryScenario.target("deact-" + newId().substring(0, 8), DeprovisionMode.DEACTIVATE, false);
        targets.register(target);
        app = apps.server(target.connection().baseUrl().toString());
        String id = newId();
        scenario.store(userKey(id), 1, user(id, "gina-" + id, "Gina"));
        Await.until("user delivered", () -> link(userKey(id)).isPresent());

        scenario.store(userKey(id), 2, user(id, "out-gina-" + id, "Gina"));

        Await.until("user deactivated", () -> link(userKey(id)).orElseThrow().state() == LinkState.DEACTIVATED);
        ObjectNode remote = app.stored(ResourceType.USER).get(link(userKey(id)).orElseThrow().remoteId());
        assertThat(remote.path("active").asBoolean()).isFalse();
    }

    @Test
    void userInGroup_groupIsProvisionedFirstThenMembershipAdded() {
        targets.clear();
        target = DeliveryScenario.target("groups-" + newId().substring(0, 8), DeprovisionMode.DELETE, true);
        targets.register(target);
        app = apps.server(target.connection().baseUrl().toString());
        String groupId = newId();
        String userId = newId();
        // stored without an event: no task for the group, so only the user's need can bring it in
        scenario.storeWithoutEvent(groupKey(groupId), 1, DeliveryScenario.group(groupId, "staff-" + groupId));

        scenario.store(userKey(userId), 2, user(userId, "hana-" + userId, "Hana", groupId));

        Await.until("membership written", () -> link(userKey(userId)).map(l -> l.memberships().contains(groupId)).orElse(false));
        String remoteGroup = link(groupKey(groupId)).orElseThrow().remoteId();
        String remoteUser = link(userKey(userId)).orElseThrow().remoteId();
        assertThat(app.membersOf(remoteGroup)).containsExactly(remoteUser);
        List<String> order = app.requests().stream().map(r -> r.method() + " " + r.type()).toList();
        assertThat(order).containsSubsequence("POST USER", "POST GROUP", "PATCH GROUP");
    }
}
