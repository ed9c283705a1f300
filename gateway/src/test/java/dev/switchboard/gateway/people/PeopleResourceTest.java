package dev.switchboard.gateway.people;

import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.gateway.delivery.Await;
import dev.switchboard.gateway.delivery.DeliveryScenario;
import dev.switchboard.gateway.delivery.DeliveryTestProfile;
import dev.switchboard.gateway.delivery.FakeScimClients;
import dev.switchboard.gateway.delivery.TestTargets;
import dev.switchboard.gateway.links.LinkStore;
import dev.switchboard.gateway.subject.SubjectChanged;
import dev.switchboard.gateway.subject.SubjectKey;
import dev.switchboard.gateway.subject.SubjectStore;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.Tombstone;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.DeprovisionMode;
import dev.switchboard.gateway.targets.TargetDefinition;
import dev.switchboard.gateway.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.switchboard.gateway.delivery.DeliveryScenario.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class PeopleResourceTest {

    private static final String SOURCE = DeliveryScenario.SOURCE;

    @Inject
    SubjectStore subjects;
    @Inject
    TestTargets targets;
    @Inject
    FakeScimClients apps;
    @Inject
    LinkStore links;
    @Inject
    Event<SubjectChanged> changes;

    /** A per-test prefix, so tests sharing the database never see each other's people. */
    private String tag;

    @BeforeEach
    void freshTag() {
        targets.clear();
        tag = "p" + newId().substring(0, 6);
    }

    /** Stores a user as intake does (state and change event in one transaction), so delivery plans it too. */
    private SubjectKey store(String username, String email, boolean enabled, String... idps) {
        String id = newId();
        UserSnapshot user = new UserSnapshot(id, "hub", username, email, true, "First-" + username, "Last", enabled, Map.of(),
                List.of(), List.of(idps).stream().map(idp -> new UserSnapshot.FederatedIdentity(idp, "ext-" + id, username)).toList());
        SubjectKey key = new SubjectKey(SOURCE, SubjectType.USER, id);
        QuarkusTransaction.requiringNew().run(() -> {
            subjects.applyIfNewer(key, 1, user, Instant.now());
            changes.fire(new SubjectChanged(key, 1, user));
        });
        return key;
    }

    private JsonPath search(Map<String, ?> params) {
        return given().queryParams(params).get("/api/v1/people").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void prefixOfUsernameOrEmail_findsThePerson_caseInsensitively() {
        SubjectKey ann = store(tag + "-ann", "ann.smith@" + tag + ".example", true, "saml-idp");
        store(tag + "-bob", "bob@" + tag + ".example", true);

        JsonPath byName = search(Map.of("q", tag.toUpperCase() + "-AN"));
        assertThat(byName.getList("people.subjectId")).containsExactly(ann.subjectId());
        assertThat(byName.getString("people[0].userName")).isEqualTo(tag + "-ann");
        assertThat(byName.getString("people[0].displayName")).isEqualTo("First-" + tag + "-ann Last");
        assertThat(byName.getList("people[0].idps")).containsExactly("saml-idp");
        assertThat(byName.getBoolean("people[0].active")).isTrue();

        assertThat(search(Map.of("q", "ANN.SMITH@" + tag)).getList("people.subjectId")).containsExactly(ann.subjectId());
        assertThat(search(Map.of("q", tag + "-")).getList("people")).hasSize(2);
        assertThat(search(Map.of("q", tag + "-%")).getList("people")).isEmpty();
    }

    @Test
    void idpFilter_keepsOnlyPeopleLinkedToThatIdp() {
        store(tag + "-saml", "s@" + tag + ".example", true, "saml-idp");
        SubjectKey oidc = store(tag + "-oidc", "o@" + tag + ".example", true, "oidc-idp");

        assertThat(search(Map.of("q", tag, "idp", "oidc-idp")).getList("people.subjectId")).containsExactly(oidc.subjectId());
    }

    @Test
    void cursor_pagesThroughEveryoneOnce() {
        for (int i = 0; i < 5; i++) {
            store(tag + "-u" + i, "u" + i + "@" + tag + ".example", true);
        }
        JsonPath first = search(Map.of("q", tag, "limit", 2));
        JsonPath second = search(Map.of("q", tag, "limit", 2, "cursor", first.getString("nextCursor")));
        JsonPath third = search(Map.of("q", tag, "limit", 2, "cursor", second.getString("nextCursor")));

        assertThat(first.getList("people.userName")).containsExactly(tag + "-u0", tag + "-u1");
        assertThat(second.getList("people.userName")).containsExactly(tag + "-u2", tag + "-u3");
        assertThat(third.getList("people.userName")).containsExactly(tag + "-u4");
        assertThat(third.getString("nextCursor")).isNull();
    }

    @Test
    void badLimitOrCursor_isA400NamingTheParameter() {
        given().queryParam("limit", 501).get("/api/v1/people").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("limit"));
        given().queryParam("cursor", "not-a-cursor!").get("/api/v1/people").then().statusCode(400)
                .body("detail", containsString("cursor"));
    }

    @Test
    void detail_showsEachTarget_withLinkScopeAndDeadLetter() {
        TargetDefinition good = DeliveryScenario.target("pe-ok-" + tag, DeprovisionMode.DELETE, false);
        TargetDefinition bad = DeliveryScenario.target("pe-bad-" + tag, DeprovisionMode.DELETE, false);
        targets.register(good);
        targets.register(bad);
        apps.server(bad.connection().baseUrl().toString())
                .failNext(-1, () -> new ScimException.Permanent("POST /Users answered 400", 400, "invalidValue"));
        SubjectKey key = store(tag + "-detail", "detail@" + tag + ".example", true);
        String id = key.subjectId();

        Await.until("delivered to one, dead at the other", () -> links.find(good.id(), key).isPresent()
                && given().get("/api/v1/people/" + SOURCE + "/" + id).jsonPath().getBoolean("targets.find { it.targetId == '" + bad.id() + "' }.deadLetter"));

        JsonPath person = given().get("/api/v1/people/" + SOURCE + "/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(person.getString("userName")).isEqualTo(tag + "-detail");
        Map<String, Object> atGood = person.getMap("targets.find { it.targetId == '" + good.id() + "' }");
        assertThat(atGood).containsEntry("inScope", true).containsEntry("state", "ACTIVE").containsEntry("pending", false)
                .containsEntry("deadLetter", false);
        assertThat((String) atGood.get("remoteId")).isNotBlank();
        Map<String, Object> atBad = person.getMap("targets.find { it.targetId == '" + bad.id() + "' }");
        assertThat(atBad).containsEntry("state", "NOT_PROVISIONED").containsEntry("deadLetter", true);
        assertThat(atBad.get("taskId")).isNotNull();
    }

    @Test
    void deletedPerson_isListedInactive_andUnknownPersonIs404() {
        SubjectKey gone = store(tag + "-gone", "gone@" + tag + ".example", true);
        QuarkusTransaction.requiringNew().run(() -> subjects.applyIfNewer(gone, 2,
                new Tombstone(SubjectType.USER, gone.subjectId(), "hub", tag + "-gone", "gone@" + tag + ".example"), Instant.now()));

        given().get("/api/v1/people/" + SOURCE + "/" + gone.subjectId()).then().statusCode(200)
                .body("active", equalTo(false)).body("userName", equalTo(tag + "-gone"));
        given().get("/api/v1/people/" + SOURCE + "/no-such-user").then().statusCode(404).contentType("application/problem+json");
    }
}
