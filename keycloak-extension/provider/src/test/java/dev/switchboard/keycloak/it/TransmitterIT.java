package dev.switchboard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.testkit.keycloak.KeycloakServer;
import dev.switchboard.testkit.postgres.TestDatabase;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The extension inside a real Keycloak 26.7.3: changes made through the admin REST API come out of
 * the poll endpoint as SETs signed with the realm key, in order, once each until acknowledged.
 */
class TransmitterIT {

    private static final String CREATE = "urn:ietf:params:scim:event:prov:create:full";
    private static final String PUT = "urn:ietf:params:scim:event:prov:put:full";
    private static final String DELETE = "urn:ietf:params:scim:event:prov:delete";
    private static final String KC_USER = "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User";
    private static final String KC_GROUP = "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:Group";

    private static TestDatabase database;
    private static KeycloakServer keycloak;
    private static Http http;
    private RealmFixture realm;
    private String gatewayToken;

    @BeforeAll
    static void startKeycloak() throws Exception {
        database = TestDatabase.create("swb_kc_ext");
        KeycloakServer.Builder builder = KeycloakServer.builder()
                .provider(Path.of(System.getProperty("switchboard.provider.jar")))
                .option("--db=postgres")
                .option("--db-url=" + database.jdbcUrl())
                .option("--db-username=" + database.user())
                .option("--metrics-enabled=true")
                .option("--spi-events-listener--switchboard--long-poll-max-wait-seconds=8")
                // small pages, so the resync, group-rename and group-delete tests cross page boundaries
                .option("--spi-events-listener--switchboard--resync-batch-size=2");
        if (!database.password().isEmpty()) {
            builder.option("--db-password=" + database.password());
        }
        keycloak = builder.start();
        http = new Http(keycloak.baseUrl().toString());
    }

    /** Keeps the server log in target/ (the server's own directory is deleted with it). */
    @AfterAll
    static void stopKeycloak() throws IOException {
        try {
            if (keycloak != null) {
                Files.copy(keycloak.logFile(), Path.of(System.getProperty("switchboard.keycloak.log")),
                        StandardCopyOption.REPLACE_EXISTING);
                keycloak.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @BeforeEach
    void freshRealm() {
        realm = RealmFixture.create(http, keycloak.adminUsername(), keycloak.adminPassword());
        gatewayToken = realm.clientToken("gateway");
    }

    @Test
    void userLifecycle_arrivesAsSignedSetsInSeqOrder_andAckRemovesThem() throws Exception {
        String groupId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "engineering"}
                """);
        String userId = realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "alice", "email": "alice@example.com", "firstName": "Alice", "lastName": "Liddell",
                 "enabled": true, "emailVerified": true}
                """);
        realm.expect(204, "PUT", realm.admin("/users/" + userId), """
                {"firstName": "Alicia"}
                """);
        realm.expect(204, "PUT", realm.admin("/users/" + userId + "/groups/" + groupId), null);
        realm.expect(204, "PUT", realm.admin("/users/" + userId), """
                {"enabled": false}
                """);
        realm.expect(204, "DELETE", realm.admin("/users/" + userId), null);

        List<VerifiedSet> sets = pollImmediately(100);

        assertThat(sets).extracting(VerifiedSet::eventUri, VerifiedSet::subjectUri).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CREATE, "/Groups/" + groupId),
                org.assertj.core.groups.Tuple.tuple(CREATE, "/Users/" + userId),
                org.assertj.core.groups.Tuple.tuple(PUT, "/Users/" + userId),
                org.assertj.core.groups.Tuple.tuple(PUT, "/Users/" + userId),
                org.assertj.core.groups.Tuple.tuple(PUT, "/Users/" + userId),
                org.assertj.core.groups.Tuple.tuple(DELETE, "/Users/" + userId));
        assertThat(sets).extracting(VerifiedSet::seq).isSorted().doesNotHaveDuplicates();
        String issuer = keycloak.baseUrl() + "/realms/" + realm.realm;
        for (VerifiedSet set : sets) {
            assertThat(set.jws().getHeader().getType()).isEqualTo(new JOSEObjectType("secevent+jwt"));
            assertThat(set.claims().get("iss").asText()).isEqualTo(issuer);
            assertThat(set.claims().get("aud").asText()).isEqualTo("switchboard");
            assertThat(set.claims().get("jti").asText()).isEqualTo(set.jti());
            assertThat(set.claims().get("sub_id").get("format").asText()).isEqualTo("scim");
            assertThat(Instant.ofEpochSecond(set.claims().get("iat").asLong()))
                    .isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
        }
        JsonNode created = sets.get(1).data();
        assertThat(created.get("userName").asText()).isEqualTo("alice");
        assertThat(created.get("name").get("givenName").asText()).isEqualTo("Alice");
        assertThat(created.get("emails").get(0).get("value").asText()).isEqualTo("alice@example.com");
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get(KC_USER).get("realm").asText()).isEqualTo(realm.realm);
        assertThat(created.get(KC_USER).get("groups")).isEmpty();
        assertThat(sets.get(2).data().get("name").get("givenName").asText()).isEqualTo("Alicia");
        JsonNode grouped = sets.get(3).data().get(KC_USER).get("groups");
        assertThat(grouped).hasSize(1);
        assertThat(grouped.get(0).get("id").asText()).isEqualTo(groupId);
        assertThat(grouped.get(0).get("path").asText()).isEqualTo("/engineering");
        assertThat(sets.get(4).data().get("active").asBoolean()).isFalse();
        JsonNode tombstone = sets.get(5).data();
        assertThat(tombstone.get("id").asText()).isEqualTo(userId);
        assertThat(tombstone.get("userName").asText()).isEqualTo("alice");
        assertThat(sets.get(0).data().get("displayName").asText()).isEqualTo("engineering");

        // not acknowledged: served again, the same changes under the same jtis (signed anew, so a
        // rotated key would be the realm's current one)
        List<VerifiedSet> again = pollImmediately(100);
        assertThat(again).extracting(VerifiedSet::jti).containsExactlyElementsOf(
                sets.stream().map(VerifiedSet::jti).toList());
        assertThat(again).extracting(set -> set.claims().get("seq").asLong()).containsExactlyElementsOf(
                sets.stream().map(set -> set.claims().get("seq").asLong()).toList());
        assertThat(again).extracting(VerifiedSet::data).containsExactlyElementsOf(
                sets.stream().map(VerifiedSet::data).toList());

        Http.Reply acked = realm.poll(gatewayToken, """
                {"ack": %s, "maxEvents": 100, "returnImmediately": true}
                """.formatted(Http.JSON.writeValueAsString(sets.stream().map(VerifiedSet::jti).toList())));
        assertThat(acked.status()).isEqualTo(200);
        assertThat(acked.json().get("sets")).isEmpty();
        assertThat(acked.json().get("moreAvailable").asBoolean()).isFalse();
    }

    @Test
    void keyRotatedAndOldKeyRemovedBeforeTheAck_rowIsServedAgainSignedWithTheNewKey() {
        realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "rotated", "enabled": true}
                """);
        VerifiedSet before = pollImmediately(10).get(0);
        JsonNode oldKey = rsaSigningKeyProviders().get(0);

        realm.expect(201, "POST", realm.admin("/components"), """
                {"name": "rsa-rotated", "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
                 "config": {"priority": ["1000"], "keySize": ["2048"]}}
                """);
        realm.expect(204, "DELETE", realm.admin("/components/" + oldKey.get("id").asText()), null);

        // verifyAll checks every signature against the realm's JWKS, which no longer holds the old key
        VerifiedSet after = pollImmediately(10).get(0);
        assertThat(after.jti()).isEqualTo(before.jti());
        assertThat(after.seq()).isEqualTo(before.seq());
        assertThat(after.jws().getHeader().getKeyID()).isNotEqualTo(before.jws().getHeader().getKeyID());
        assertThat(jwks().getKeyByKeyId(before.jws().getHeader().getKeyID())).isNull();
    }

    private String gatewayClientUuid() {
        return realm.adminCall("GET", realm.admin("/clients?clientId=gateway"), null).json().get(0).get("id").asText();
    }

    private List<JsonNode> rsaSigningKeyProviders() {
        Http.Reply reply = realm.adminCall("GET", realm.admin("/components?type=org.keycloak.keys.KeyProvider"), null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> providers = new ArrayList<>();
        reply.json().forEach(component -> {
            if (component.get("providerId").asText().equals("rsa-generated")) {
                providers.add(component);
            }
        });
        assertThat(providers).as("the realm's generated RSA signing key").hasSize(1);
        return providers;
    }

    @Test
    void maxEvents_limitsTheBatch_andMoreAvailableSaysSo() {
        for (String name : List.of("g1", "g2", "g3")) {
            realm.expect(201, "POST", realm.admin("/groups"), """
                    {"name": "%s"}
                    """.formatted(name));
        }
        Http.Reply reply = realm.poll(gatewayToken, """
                {"maxEvents": 2, "returnImmediately": true}
                """);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("sets")).hasSize(2);
        assertThat(reply.json().get("moreAvailable").asBoolean()).isTrue();
    }

    @Test
    void longPoll_returnsAsSoonAsAChangeCommits() throws Exception {
        drain();
        CompletableFuture<Http.Reply> waiting = CompletableFuture.supplyAsync(() -> realm.poll(gatewayToken, """
                {"maxEvents": 10, "returnImmediately": false}
                """));
        assertThatThrownBy(() -> waiting.get(1500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        String userId = realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "bob", "enabled": true}
                """);
        Instant changed = Instant.now();

        Http.Reply reply = waiting.get();

        assertThat(Duration.between(changed, Instant.now())).isLessThan(Duration.ofSeconds(4));
        List<VerifiedSet> sets = verifyAll(reply);
        assertThat(sets).extracting(VerifiedSet::subjectUri).containsExactly("/Users/" + userId);
    }

    @Test
    void emptyLongPoll_answersEmptyAfterTheConfiguredWait() {
        drain();
        Instant started = Instant.now();
        Http.Reply reply = realm.poll(gatewayToken, """
                {"maxEvents": 10, "returnImmediately": false}
                """);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("sets")).isEmpty();
        assertThat(Duration.between(started, Instant.now())).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(20));
    }

    @Test
    void duplicateUsername_isRefusedAndProducesNoEvent() {
        realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "carol", "enabled": true}
                """);
        drain();
        realm.expect(409, "POST", realm.admin("/users"), """
                {"username": "carol", "enabled": true, "firstName": "Other"}
                """);
        assertThat(pollImmediately(100)).isEmpty();
    }

    @Test
    void updateThatChangesNothing_producesNoEvent() {
        String userId = realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "dave", "firstName": "Dave", "enabled": true}
                """);
        drain();
        realm.expect(204, "PUT", realm.admin("/users/" + userId), """
                {"firstName": "Dave"}
                """);
        assertThat(pollImmediately(100)).isEmpty();
    }

    @Test
    void adminLinksThenUnlinksAnIdentityProvider_eachRowCarriesTheUsersLinksAsTheyAre() {
        realm.expect(201, "POST", realm.admin("/identity-provider/instances"), """
                {"alias": "partner", "providerId": "oidc", "enabled": true,
                 "config": {"authorizationUrl": "http://127.0.0.1:9/auth", "tokenUrl": "http://127.0.0.1:9/token",
                            "clientId": "hub", "clientSecret": "secret", "clientAuthMethod": "client_secret_post"}}
                """);
        String userId = realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "erin", "enabled": true}
                """);
        drain();

        realm.expect(204, "POST", realm.admin("/users/" + userId + "/federated-identity/partner"), """
                {"identityProvider": "partner", "userId": "ext-42", "userName": "erin@partner.example"}
                """);
        List<VerifiedSet> linked = pollImmediately(10);
        assertThat(linked).extracting(VerifiedSet::eventUri, VerifiedSet::subjectUri)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PUT, "/Users/" + userId));
        JsonNode links = linked.get(0).data().get(KC_USER).get("federatedIdentities");
        assertThat(links).hasSize(1);
        assertThat(links.get(0).get("identityProvider").asText()).isEqualTo("partner");
        assertThat(links.get(0).get("userId").asText()).isEqualTo("ext-42");
        assertThat(links.get(0).get("userName").asText()).isEqualTo("erin@partner.example");
        drain();

        realm.expect(204, "DELETE", realm.admin("/users/" + userId + "/federated-identity/partner"), null);
        List<VerifiedSet> unlinked = pollImmediately(10);
        assertThat(unlinked).extracting(VerifiedSet::subjectUri).containsExactly("/Users/" + userId);
        assertThat(unlinked.get(0).data().get(KC_USER).get("federatedIdentities")).isEmpty();
    }

    /**
     * Two transactions of one user commit one after the other: the later one's row (the higher seq,
     * which the gateway keeps) must carry the earlier one's change. A test connection holding the
     * user's state row stands in for a third transaction mid-commit, so that both queue behind it:
     * the membership first, then the rename. Without the lock taken before the snapshot is read,
     * the rename's row was numbered and read before the membership committed, and lacked it.
     */
    @Test
    void twoTransactionsOfOneUserQueuedBehindAThird_theLaterRowCarriesBothChanges() throws Exception {
        String userId = realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "racer", "firstName": "Before", "enabled": true}
                """);
        String groupId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "late-joiners"}
                """);
        drain();
        queueBehindTheUsersLockedState(userId,
                () -> realm.expect(204, "PUT", realm.admin("/users/" + userId + "/groups/" + groupId), null),
                () -> realm.expect(204, "PUT", realm.admin("/users/" + userId), """
                        {"firstName": "After"}
                        """));

        List<VerifiedSet> sets = pollImmediately(10);
        assertThat(sets).extracting(VerifiedSet::subjectUri).containsOnly("/Users/" + userId).hasSize(2);
        VerifiedSet last = sets.get(sets.size() - 1);
        assertThat(last.data().path("name").path("givenName").asText()).isEqualTo("After");
        assertThat(groupPaths(sets.subList(sets.size() - 1, sets.size()), "/Users/" + userId))
                .containsExactly("/late-joiners");
    }

    /**
     * The same queue the other way round: the rename waits first, and the membership, queued behind
     * it, loaded the user while the rename had not committed. Its row, the one the gateway keeps,
     * must carry the new name, read again once the lock is granted, not the name it had loaded.
     */
    @Test
    void aMembershipQueuedBehindARenameOfItsUser_carriesTheNameCommittedWhileItWaited() throws Exception {
        String userId = realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "sleeper", "firstName": "Before", "enabled": true}
                """);
        String groupId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "night-shift"}
                """);
        drain();
        queueBehindTheUsersLockedState(userId,
                () -> realm.expect(204, "PUT", realm.admin("/users/" + userId), """
                        {"firstName": "After"}
                        """),
                () -> realm.expect(204, "PUT", realm.admin("/users/" + userId + "/groups/" + groupId), null));

        List<VerifiedSet> sets = pollImmediately(10);
        assertThat(sets).extracting(VerifiedSet::subjectUri).containsOnly("/Users/" + userId).hasSize(2);
        assertThat(sets.get(0).data().path("name").path("givenName").asText())
                .as("the rename, committed first").isEqualTo("After");
        assertThat(groupPaths(sets.subList(0, 1), "/Users/" + userId)).as("the rename's groups").isEmpty();
        VerifiedSet last = sets.get(1);
        assertThat(groupPaths(List.of(last), "/Users/" + userId)).containsExactly("/night-shift");
        assertThat(last.data().path("name").path("givenName").asText())
                .as("the membership's row, read after the rename committed").isEqualTo("After");
    }

    /**
     * Holds the user's state row from a test connection, as a third transaction in the middle of its
     * commit would, and starts the two admin requests so that they queue behind it in this order;
     * then lets them through and waits until both have answered.
     */
    private void queueBehindTheUsersLockedState(String userId, Runnable first, Runnable second) throws Exception {
        CompletableFuture<Void> firstDone;
        CompletableFuture<Void> secondDone;
        try (Connection blocker = database.connect();
             PreparedStatement lock = blocker.prepareStatement(
                     "select SNAPSHOT_HASH from SWB_SUBJECT_STATE where SUBJECT_KEY = ? for update")) {
            blocker.setAutoCommit(false);
            lock.setString(1, "U:" + userId);
            assertThat(lock.executeQuery().next()).as("the user's state row").isTrue();

            firstDone = CompletableFuture.runAsync(first);
            awaitTransactionsWaitingForALock(1);
            secondDone = CompletableFuture.runAsync(second);
            awaitTransactionsWaitingForALock(2);
            blocker.commit();
        }
        firstDone.get(30, TimeUnit.SECONDS);
        secondDone.get(30, TimeUnit.SECONDS);
    }

    private void awaitTransactionsWaitingForALock(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection db = database.connect();
                 PreparedStatement waiting = db.prepareStatement("select count(*) from pg_stat_activity "
                         + "where datname = current_database() and wait_event_type = 'Lock'");
                 ResultSet row = waiting.executeQuery()) {
                row.next();
                return row.getInt(1) >= count;
            }
        });
    }

    @Test
    void setErrs_movesTheSetAside_soItIsNotServedAgain() throws Exception {
        realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "refused"}
                """);
        VerifiedSet set = pollImmediately(10).get(0);
        Http.Reply reply = realm.poll(gatewayToken, """
                {"setErrs": {"%s": {"err": "invalid_request", "description": "test refusal"}},
                 "returnImmediately": true}
                """.formatted(set.jti()));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("sets")).isEmpty();
        try (Connection db = database.connect();
             PreparedStatement query = db.prepareStatement("select STATE, ERROR from SWB_OUTBOX where JTI = ?")) {
            query.setString(1, set.jti());
            ResultSet row = query.executeQuery();
            assertThat(row.next()).isTrue();
            assertThat(row.getString("STATE")).isEqualTo("DEAD");
            assertThat(row.getString("ERROR")).isEqualTo("invalid_request: test refusal");
        }
    }

    @Test
    void resync_restatesEveryUserAndGroup() throws Exception {
        realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "staff"}
                """);
        realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "erin", "enabled": true}
                """);
        realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "frank", "enabled": true}
                """);
        drain();

        Http.Reply reply = realm.adminCall("POST", "/realms/" + realm.realm + "/switchboard/resync", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("groups").asLong()).isEqualTo(1);
        assertThat(reply.json().get("users").asLong()).isEqualTo(2);
        List<VerifiedSet> sets = pollImmediately(100);
        assertThat(sets).extracting(VerifiedSet::eventUri).containsOnly(PUT);
        assertThat(sets.get(0).subjectUri()).startsWith("/Groups/");
        assertThat(sets).extracting(s -> s.data().get("userName") == null ? "" : s.data().get("userName").asText())
                .containsExactlyInAnyOrder("", "erin", "frank");
    }

    @Test
    void deletingAParentGroup_emitsTombstonesForItAndItsSubgroups_thenRestatesEveryMemberWithoutThem() {
        String parentId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "parent"}
                """);
        String childId = realm.expect(201, "POST", realm.admin("/groups/" + parentId + "/children"), """
                {"name": "child"}
                """);
        String keptId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "kept"}
                """);
        List<String> parentMembers = createMembers("dp", 3, parentId);
        List<String> childMembers = createMembers("dc", 1, childId);
        List<String> outsiders = createMembers("do", 1, keptId);
        realm.expect(204, "PUT", realm.admin("/users/" + childMembers.get(0) + "/groups/" + keptId), null);
        List<VerifiedSet> created = pollImmediately(100);
        assertThat(created).extracting(VerifiedSet::eventUri, VerifiedSet::subjectUri).contains(
                org.assertj.core.groups.Tuple.tuple(CREATE, "/Groups/" + childId));
        assertThat(created.stream().filter(s -> s.subjectUri().equals("/Groups/" + childId)).findFirst().orElseThrow()
                .data().get("urn:switchboard:params:scim:schemas:extension:keycloak:1.0:Group").get("path").asText())
                .isEqualTo("/parent/child");
        drain();

        realm.expect(204, "DELETE", realm.admin("/groups/" + parentId), null);

        List<VerifiedSet> sets = pollImmediately(100);
        assertThat(sets.subList(0, 2)).extracting(VerifiedSet::eventUri).containsOnly(DELETE);
        assertThat(sets.subList(0, 2)).extracting(VerifiedSet::subjectUri)
                .containsExactlyInAnyOrder("/Groups/" + parentId, "/Groups/" + childId);
        List<VerifiedSet> restated = sets.subList(2, sets.size());
        assertThat(restated).extracting(VerifiedSet::eventUri).containsOnly(PUT);
        List<String> expected = new ArrayList<>();
        parentMembers.forEach(id -> expected.add("/Users/" + id));
        childMembers.forEach(id -> expected.add("/Users/" + id));
        assertThat(restated).extracting(VerifiedSet::subjectUri).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(groupPaths(sets, "/Users/" + parentMembers.get(2))).isEmpty();
        assertThat(groupPaths(sets, "/Users/" + childMembers.get(0))).containsExactly("/kept");
        assertThat(sets).extracting(VerifiedSet::subjectUri).doesNotContain("/Users/" + outsiders.get(0));
    }

    @Test
    void renamingAGroup_restatesItsSubgroupsAndEveryMemberBelowIt_inTheSameTransaction() {
        String parentId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "eng"}
                """);
        String childId = realm.expect(201, "POST", realm.admin("/groups/" + parentId + "/children"), """
                {"name": "backend"}
                """);
        String outsiderGroupId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "sales"}
                """);
        List<String> parentMembers = createMembers("p", 3, parentId);
        List<String> childMembers = createMembers("c", 2, childId);
        List<String> outsiders = createMembers("o", 1, outsiderGroupId);
        drain();

        realm.expect(204, "PUT", realm.admin("/groups/" + parentId), """
                {"name": "engineering"}
                """);

        List<VerifiedSet> sets = pollImmediately(100);
        assertThat(sets).extracting(VerifiedSet::eventUri).containsOnly(PUT);
        List<String> expected = new ArrayList<>(List.of("/Groups/" + parentId, "/Groups/" + childId));
        parentMembers.forEach(id -> expected.add("/Users/" + id));
        childMembers.forEach(id -> expected.add("/Users/" + id));
        assertThat(sets).extracting(VerifiedSet::subjectUri).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sets).extracting(VerifiedSet::subjectUri).doesNotContain("/Users/" + outsiders.get(0));
        assertThat(sets.get(0).subjectUri()).isEqualTo("/Groups/" + parentId);
        assertThat(sets.get(1).subjectUri()).isEqualTo("/Groups/" + childId);
        String txn = sets.get(0).claims().path("txn").asText();
        assertThat(txn).as("the admin event id of the rename").isNotBlank();
        assertThat(sets).extracting(s -> s.claims().path("txn").asText()).containsOnly(txn);
        assertThat(groupPaths(sets, "/Users/" + parentMembers.get(0))).containsExactly("/engineering");
        assertThat(groupPaths(sets, "/Users/" + childMembers.get(0))).containsExactly("/engineering/backend");
        assertThat(sets.get(1).data().get(KC_GROUP).get("path").asText()).isEqualTo("/engineering/backend");
    }

    @Test
    void movingAGroupUnderAnother_restatesItsMembersWithTheNewPath() {
        String targetId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "platform"}
                """);
        String movedId = realm.expect(201, "POST", realm.admin("/groups"), """
                {"name": "sre"}
                """);
        List<String> members = createMembers("m", 1, movedId);
        drain();

        realm.expect(204, "POST", realm.admin("/groups/" + targetId + "/children"), """
                {"id": "%s", "name": "sre"}
                """.formatted(movedId));

        List<VerifiedSet> sets = pollImmediately(100);
        assertThat(sets).extracting(VerifiedSet::subjectUri)
                .containsExactly("/Groups/" + movedId, "/Users/" + members.get(0));
        assertThat(sets.get(0).data().get(KC_GROUP).get("path").asText()).isEqualTo("/platform/sre");
        assertThat(groupPaths(sets, "/Users/" + members.get(0))).containsExactly("/platform/sre");
    }

    @Test
    void outboxMetrics_arePublishedPerRealmOnKeycloaksManagementPort() {
        for (String name : List.of("m1", "m2", "m3")) {
            realm.expect(201, "POST", realm.admin("/groups"), """
                    {"name": "%s"}
                    """.formatted(name));
        }
        List<VerifiedSet> sets = pollImmediately(10);
        assertThat(sets).hasSize(3);
        Http.Reply settled = realm.poll(gatewayToken, """
                {"ack": ["%s"], "setErrs": {"%s": {"err": "invalid_request", "description": "metrics test"}},
                 "maxEvents": 0}
                """.formatted(sets.get(0).jti(), sets.get(1).jti()));
        assertThat(settled.status()).isEqualTo(200);

        Http.Reply scrape = new Http(keycloak.managementUrl().toString()).send("GET", "/metrics", null, null);

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(metric(scrape.body(), "switchboard_outbox_appended_total")).isEqualTo(3);
        assertThat(metric(scrape.body(), "switchboard_outbox_served_total")).isEqualTo(3);
        assertThat(metric(scrape.body(), "switchboard_outbox_acknowledged_total")).isEqualTo(1);
        assertThat(metric(scrape.body(), "switchboard_outbox_dead_lettered_total")).isEqualTo(1);
        assertThat(metric(scrape.body(), "switchboard_outbox_depth")).isEqualTo(1);
        assertThat(metric(scrape.body(), "switchboard_outbox_dead")).isEqualTo(1);
    }

    @Test
    void realmWithoutTheListener_isNotCaptured() {
        realm.expect(204, "PUT", realm.admin(""), """
                {"eventsListeners": ["jboss-logging"]}
                """);
        realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "ghost", "enabled": true}
                """);
        realm.expect(204, "PUT", realm.admin(""), """
                {"eventsListeners": ["jboss-logging", "switchboard"]}
                """);
        assertThat(pollImmediately(100)).isEmpty();
    }

    @Test
    void selfServiceProfileUpdate_isCapturedFromTheUserEvent() {
        String userId = realm.expect(201, "POST", realm.admin("/users"), """
                {"username": "helen", "email": "helen@example.com", "firstName": "Helen", "lastName": "Troy",
                 "enabled": true, "emailVerified": true,
                 "credentials": [{"type": "password", "value": "helen-pw", "temporary": false}]}
                """);
        drain();
        String userToken = http.token(realm.realm, Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "helen", "password", "helen-pw"));

        Http.Reply updated = http.send("POST", "/realms/" + realm.realm + "/account/", userToken, """
                {"username": "helen", "email": "helen@example.com", "firstName": "Helena", "lastName": "Troy"}
                """);

        assertThat(updated.status()).as(updated.body()).isEqualTo(204);
        List<VerifiedSet> sets = pollImmediately(100);
        assertThat(sets).extracting(VerifiedSet::eventUri, VerifiedSet::subjectUri)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PUT, "/Users/" + userId));
        assertThat(sets.get(0).data().get("name").get("givenName").asText()).isEqualTo("Helena");
        assertThat(sets.get(0).claims().get("txn").asText()).isNotBlank();
    }

    @Test
    void pollWithoutToken_is401() {
        Http.Reply reply = realm.poll(null, "{}");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("err").asText()).isEqualTo("authentication_failed");
    }

    @Test
    void pollerRoleRemoved_nextPollWithTheSameTrustedToken_is403() {
        String token = realm.clientToken("gateway");
        assertThat(realm.poll(token, "{\"returnImmediately\": true}").status()).isEqualTo(200);

        String userId = realm.adminCall("GET", realm.admin("/clients/" + gatewayClientUuid() + "/service-account-user"),
                null).json().get("id").asText();
        JsonNode role = realm.adminCall("GET", realm.admin("/roles/switchboard-poller"), null).json();
        realm.expect(204, "DELETE", realm.admin("/users/" + userId + "/role-mappings/realm"), "[" + role + "]");

        // within poller-token-trust-seconds of the first check: the token is trusted, the role is not
        assertThat(realm.poll(token, "{\"returnImmediately\": true}").status()).isEqualTo(403);
    }

    @Test
    void pollerClientDisabled_nextPollWithTheSameTrustedToken_is401() {
        String token = realm.clientToken("gateway");
        assertThat(realm.poll(token, "{\"returnImmediately\": true}").status()).isEqualTo(200);

        realm.expect(204, "PUT", realm.admin("/clients/" + gatewayClientUuid()), """
                {"enabled": false}
                """);

        assertThat(realm.poll(token, "{\"returnImmediately\": true}").status()).isEqualTo(401);
    }

    @Test
    void pollByClientWithoutPollerRole_is403() {
        Http.Reply reply = realm.poll(realm.clientToken("stranger"), "{}");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("err").asText()).isEqualTo("access_denied");
    }

    @Test
    void resyncByPoller_is403() {
        Http.Reply reply = http.send("POST", "/realms/" + realm.realm + "/switchboard/resync", gatewayToken, null);
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void malformedBody_is400WithInvalidRequest() {
        Http.Reply reply = realm.poll(gatewayToken, """
                {"maxEvents": "many"}
                """);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("err").asText()).isEqualTo("invalid_request");
    }

    @Test
    void serverLog_hasNoErrorsFromTheExtension() throws IOException {
        List<String> problems = Files.readAllLines(keycloak.logFile()).stream()
                .filter(line -> line.contains("ERROR") || (line.contains("WARN") && line.contains("switchboard")
                        && !line.contains("KC-SERVICES0047")))
                .toList();
        assertThat(problems).isEmpty();
    }

    /** Users {@code <prefix>1..n}, each a member of the group; returns their ids. */
    private List<String> createMembers(String prefix, int count, String groupId) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String userId = realm.expect(201, "POST", realm.admin("/users"), """
                    {"username": "%s-user-%d", "enabled": true}
                    """.formatted(prefix, i));
            realm.expect(204, "PUT", realm.admin("/users/" + userId + "/groups/" + groupId), null);
            ids.add(userId);
        }
        return ids;
    }

    private static List<String> groupPaths(List<VerifiedSet> sets, String subjectUri) {
        VerifiedSet set = sets.stream().filter(s -> s.subjectUri().equals(subjectUri)).findFirst().orElseThrow();
        List<String> paths = new ArrayList<>();
        set.data().get(KC_USER).get("groups").forEach(group -> paths.add(group.get("path").asText()));
        return paths;
    }

    /** The value of a Prometheus sample of this test's realm; fails when the sample is absent. */
    private double metric(String exposition, String name) {
        String prefix = name + "{";
        String realmTag = "realm=\"" + realm.realm + "\"";
        return exposition.lines()
                .filter(line -> line.startsWith(prefix) && line.contains(realmTag))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " for " + realm.realm + " not in /metrics:\n"
                        + exposition.lines().filter(line -> line.startsWith("switchboard")).toList()));
    }

    private List<VerifiedSet> pollImmediately(int max) {
        Http.Reply reply = realm.poll(gatewayToken, """
                {"maxEvents": %d, "returnImmediately": true}
                """.formatted(max));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return verifyAll(reply);
    }

    private List<VerifiedSet> verifyAll(Http.Reply reply) {
        JWKSet jwks = jwks();
        List<VerifiedSet> sets = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = reply.json().get("sets").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            sets.add(VerifiedSet.verify(field.getKey(), field.getValue().asText(), jwks));
        }
        sets.sort(Comparator.comparingLong(VerifiedSet::seq));
        return sets;
    }

    /** Acknowledges everything pending, so a test starts from an empty outbox. */
    private void drain() {
        List<VerifiedSet> pending = pollImmediately(500);
        String acks = pending.stream().map(s -> "\"" + s.jti() + "\"").reduce((a, b) -> a + "," + b).orElse("");
        Http.Reply reply = realm.poll(gatewayToken, """
                {"ack": [%s], "maxEvents": 0}
                """.formatted(acks));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(pollImmediately(500)).isEmpty();
    }

    private JWKSet jwks() {
        Http.Reply reply = http.send("GET", "/realms/" + realm.realm + "/protocol/openid-connect/certs", null, null);
        try {
            return JWKSet.parse(reply.body());
        } catch (ParseException e) {
            throw new AssertionError("realm JWKS unreadable", e);
        }
    }
}
