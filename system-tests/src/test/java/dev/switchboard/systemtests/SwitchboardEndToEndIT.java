package dev.switchboard.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.keycloak.KeycloakAdmin;
import dev.switchboard.testkit.keycloak.KeycloakAdminException;
import dev.switchboard.testkit.keycloak.KeycloakServer;
import dev.switchboard.testkit.postgres.TestDatabase;
import dev.switchboard.testkit.scimmy.ScimmyServer;
import dev.switchboard.testkit.browser.BrokeredLogin;
import dev.switchboard.testkit.topology.BrokeredIdentityProviders;
import dev.switchboard.testkit.topology.Federation;
import dev.switchboard.testkit.topology.HubRealm;
import dev.switchboard.testkit.topology.ScimDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole chain with real parts only: Keycloak 26.7.3 with our extension (hub realm, a SAML and an
 * OIDC IdP realm brokered into it, two SCIM app realms), SCIMMY, the packaged gateway on PostgreSQL.
 * Changes are made the way people make them (admin API, browser logins) and checked in each app
 * through its own SCIM API. The three targets have different scopes so that "not there" is checked
 * as carefully as "there".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchboardEndToEndIT {

    /** A change is expected downstream within this bound when the gateway is running. */
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** After a gateway or Keycloak restart (lease takeover, backoff, backlog). */
    private static final Duration AFTER_RESTART = Duration.ofMinutes(4);
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @TempDir
    static Path workDir;

    private static TestDatabase database;
    private static KeycloakServer keycloak;
    private static KeycloakAdmin admin;
    private static ScimmyServer scimmy;
    private static HubRealm hub;
    private static BrokeredIdentityProviders idps;
    private static BrokeredLogin hubLogin;
    private static GatewayLauncher gateway;
    private static ScimDirectory appA;
    private static ScimDirectory appB;
    private static ScimDirectory scimmyApp;
    private static String sallyAtIdp;
    private static String oliviaAtIdp;

    @BeforeAll
    static void startTopology() throws IOException {
        database = TestDatabase.create("sb_e2e");
        scimmy = ScimmyServer.start();
        keycloak = KeycloakServer.builder()
                .provider(extensionJar())
                .option(Federation.LISTENER_OPTION)
                // SETs signed with ES256 while the realms keep RS256 tokens: the gateway verifies EC
                // signatures from the realm's JWKS here, RS256 ones in the quickstart and console tests
                .option("--spi-events-listener--switchboard--signature-algorithm=ES256")
                .start();
        admin = keycloak.admin();
        Federation federation = Federation.create(admin, scimmy.baseUrl(), scimmy.token());
        hub = federation.hub();
        idps = federation.idps();
        Path targets = workDir.resolve("targets.yaml");
        Files.writeString(targets, federation.targetsYaml());
        Map<String, String> config = federation.gatewayConfig(targets);
        hubLogin = new BrokeredLogin(federation.hubRealmUrl(), BrokeredIdentityProviders.PORTAL_CLIENT,
                BrokeredIdentityProviders.PORTAL_REDIRECT);
        gateway = GatewayLauncher.start(workDir, database, config);

        appA = federation.directory(Federation.APP_A);
        appB = federation.directory(Federation.APP_B);
        scimmyApp = federation.directory(Federation.SCIMMY);
    }

    @AfterAll
    static void stopTopology() {
        keepLogs();
        for (AutoCloseable part : new AutoCloseable[] {gateway, keycloak, scimmy, database}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("closing " + part + " failed: " + e);
                }
            }
        }
    }

    @Test
    @Order(1)
    void adminCreatesUserThenAddsToGroup_userAndMembershipAppearOnlyInAppsInScope() {
        String alice = hub.createUser("alice", "Research");
        String sam = hub.createUser("sam", "Sales");
        hub.joinGroup(sam, "staff");

        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode inA = appA.present("alice");
            assertThat(inA.path("name").path("givenName").asText()).isEqualTo("First-alice");
            assertThat(inA.path("active").asBoolean()).isTrue();
            JsonNode inScimmy = scimmyApp.present("alice");
            assertThat(inScimmy.path(ENTERPRISE).path("department").asText()).isEqualTo("Research");
            assertThat(inScimmy.path("externalId").asText()).isEqualTo(alice);
            appB.present("sam");
            appA.present("sam");
        });
        // sam (staff) reached app-b after alice was created, so alice's absence there is a decision
        assertThat(appB.user("alice")).as("alice is neither staff nor from idp-oidc").isEmpty();
        assertThat(scimmyApp.user("sam")).as("sam is not in Research").isEmpty();
        assertThat(admin.get("/admin/realms/hub/keys").path("active").path("ES256").asText())
                .as("Keycloak generated the ES256 key the extension signs with; the hub's tokens stay RS256")
                .isNotEmpty();
        assertThat(admin.get("/admin/realms/hub").path("defaultSignatureAlgorithm").asText()).isIn("", "RS256");

        hub.joinGroup(alice, "staff");

        await().atMost(WITHIN).untilAsserted(() -> {
            appB.present("alice");
            assertThat(appGroupsOf("app-a", "alice")).containsExactly("staff");
            String aliceInScimmy = scimmyApp.present("alice").path("id").asText();
            assertThat(scimmyMembers("staff")).contains(aliceInScimmy);
        });
    }

    @Test
    @Order(2)
    void firstBrokeredLoginsOverSamlAndOidc_usersAppearWithMappedAttributes() {
        sallyAtIdp = idps.createIdpUser(BrokeredIdentityProviders.SAML, "sally", "Saml", "Research");
        oliviaAtIdp = idps.createIdpUser(BrokeredIdentityProviders.OIDC, "olivia", "Oidc", "Partners");

        brokeredLogin(BrokeredIdentityProviders.SAML, "sally");
        brokeredLogin(BrokeredIdentityProviders.OIDC, "olivia");

        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode sallyInA = appA.present("sally");
            assertThat(sallyInA.path("name").path("givenName").asText()).isEqualTo("Given-sally");
            assertThat(sallyInA.path("name").path("familyName").asText()).isEqualTo("Saml");
            assertThat(sallyInA.path("emails").path(0).path("value").asText()).isEqualTo("sally@idp-saml.example");
            assertThat(scimmyApp.present("sally").path(ENTERPRISE).path("department").asText())
                    .as("department mapped from the SAML attribute").isEqualTo("Research");
            JsonNode oliviaInB = appB.present("olivia");
            assertThat(oliviaInB.path("name").path("familyName").asText()).isEqualTo("Oidc");
            assertThat(oliviaInB.path("emails").path(0).path("value").asText()).isEqualTo("olivia@idp-oidc.example");
            appA.present("olivia");
        });
        JsonNode sallyInHub = admin.get("/admin/realms/hub/users?exact=true&username=sally").path(0);
        assertThat(sallyInHub.path("attributes").path("department").path(0).asText()).isEqualTo("Research");
        assertThat(appB.user("sally")).as("sally came through SAML and is not staff").isEmpty();
        assertThat(scimmyApp.user("olivia")).as("olivia's department is Partners").isEmpty();
    }

    @Test
    @Order(3)
    void attributeChangedAtIdpThenNewLogin_changeArrivesDownstream() {
        assertThat(sallyAtIdp).as("needs the first-login scenario").isNotNull();
        idps.changeIdpUser(BrokeredIdentityProviders.SAML, sallyAtIdp, "Saml-Married", "Physics");
        idps.changeIdpUser(BrokeredIdentityProviders.OIDC, oliviaAtIdp, "Oidc-Married", "Partners");

        brokeredLogin(BrokeredIdentityProviders.SAML, "sally");
        brokeredLogin(BrokeredIdentityProviders.OIDC, "olivia");

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(appA.present("sally").path("name").path("familyName").asText()).isEqualTo("Saml-Married");
            assertThat(scimmyApp.user("sally")).as("left Research: out of SCIMMY's scope, which deletes").isEmpty();
            assertThat(appB.present("olivia").path("name").path("familyName").asText()).isEqualTo("Oidc-Married");
            assertThat(appA.present("olivia").path("name").path("familyName").asText()).isEqualTo("Oidc-Married");
        });
    }

    @Test
    @Order(4)
    void brokeredLoginThatChangesNothing_emitsNoEvent() throws SQLException {
        String oliviaInHub = admin.get("/admin/realms/hub/users?exact=true&username=olivia").path(0).path("id").asText();
        String sallyInHub = admin.get("/admin/realms/hub/users?exact=true&username=sally").path(0).path("id").asText();
        await().atMost(WITHIN).untilAsserted(() -> assertThat(seqsOf(oliviaInHub)).isNotEmpty());
        List<Long> oliviaBefore = seqsOf(oliviaInHub);
        List<Long> sallyBefore = seqsOf(sallyInHub);

        brokeredLogin(BrokeredIdentityProviders.OIDC, "olivia");
        brokeredLogin(BrokeredIdentityProviders.SAML, "sally");
        String marker = hub.createUser("after-unchanged-logins", "Research");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(seqsOf(marker)).isNotEmpty());

        assertThat(seqsOf(oliviaInHub)).as("OIDC login with the same claims").isEqualTo(oliviaBefore);
        assertThat(seqsOf(sallyInHub)).as("SAML login with the same attributes").isEqualTo(sallyBefore);
    }

    @Test
    @Order(5)
    void disableThenDelete_deactivatesOrDeletesPerTargetMode() {
        String dora = hub.createUser("dora", "Research");
        hub.joinGroup(dora, "staff");
        await().atMost(WITHIN).untilAsserted(() -> {
            for (ScimDirectory app : List.of(appA, appB, scimmyApp)) {
                assertThat(app.present("dora").path("active").asBoolean()).as(app.name()).isTrue();
            }
        });

        hub.setEnabled(dora, false);
        await().atMost(WITHIN).untilAsserted(() -> {
            for (ScimDirectory app : List.of(appA, appB, scimmyApp)) {
                assertThat(app.present("dora").path("active").asBoolean()).as(app.name()).isFalse();
            }
        });

        hub.deleteUser(dora);
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(appA.present("dora").path("active").asBoolean()).as("app-a deactivates").isFalse();
            assertThat(appB.user("dora")).as("app-b deletes").isEmpty();
            assertThat(scimmyApp.user("dora")).as("scimmy deletes").isEmpty();
        });
    }

    @Test
    @Order(6)
    void changeInAFailedTransaction_producesNoEvent() throws SQLException {
        String first = hub.createUser("duplicate", "Research");
        await().atMost(WITHIN).untilAsserted(() -> appA.present("duplicate"));

        assertThatThrownBy(() -> hub.createUser("DUPLICATE", "Sales"))
                .isInstanceOfSatisfying(KeycloakAdminException.class, e -> assertThat(e.status()).isEqualTo(409));
        String marker = hub.createUser("after-duplicate", "Research");
        await().atMost(WITHIN).untilAsserted(() -> appA.present("after-duplicate"));

        long firstSeq = seqsOf(first).get(0);
        long markerSeq = seqsOf(marker).get(0);
        assertThat(subjectsWithSeqBetween(firstSeq, markerSeq)).as("events between the two good changes").isEmpty();
        assertThat(seqsOf(first)).as("the existing user was not restated").hasSize(1);
        assertThat(scimmyApp.present("duplicate").path(ENTERPRISE).path("department").asText()).isEqualTo("Research");
        assertThat(appA.allUsers().stream().filter(u -> u.path("userName").asText().equals("duplicate"))).hasSize(1);
    }

    /**
     * Here the transaction fails after Keycloak has already created the user and joined it to
     * {@code /staff} (firing provider events into the extension's collector): the second group does
     * not exist, so the whole create is rolled back.
     */
    @Test
    @Order(7)
    void createRolledBackAfterGroupJoin_producesNoEvent() throws SQLException {
        String before = hub.createUser("before-ghost", "Research");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(seqsOf(before)).isNotEmpty());

        var ghost = hub.userJson("ghost", "Research");
        ghost.putArray("groups").add("/staff").add("/no-such-group");
        assertThatThrownBy(() -> admin.create("/admin/realms/hub/users", ghost))
                .isInstanceOfSatisfying(KeycloakAdminException.class, e -> assertThat(e.status()).isGreaterThanOrEqualTo(400));
        assertThat(admin.get("/admin/realms/hub/users?exact=true&username=ghost")).as("rolled back in Keycloak").isEmpty();

        String marker = hub.createUser("after-ghost", "Research");
        await().atMost(WITHIN).untilAsserted(() -> appA.present("after-ghost"));
        assertThat(subjectsWithSeqBetween(seqsOf(before).get(0), seqsOf(marker).get(0))).as("events of the rolled-back create").isEmpty();
        for (ScimDirectory app : List.of(appA, appB, scimmyApp)) {
            assertThat(app.user("ghost")).as(app.name()).isEmpty();
        }
    }

    @Test
    @Order(8)
    void gatewayStoppedWhile200ChangesHappen_everythingArrivesOnceAfterStart() throws SQLException {
        gateway.stop();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(hub.createUser("bulk-%03d".formatted(i), "Research"));
        }
        gateway.start();

        await().atMost(AFTER_RESTART).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(bulkUserNames(appA)).hasSize(200);
            assertThat(bulkUserNames(scimmyApp)).hasSize(200);
        });
        for (ScimDirectory app : List.of(appA, scimmyApp)) {
            List<String> names = bulkUserNames(app);
            assertThat(new HashSet<>(names)).as("no duplicate accounts in " + app).hasSize(names.size());
        }
        assertThat(bulkUserNames(appB)).as("bulk users are out of app-b's scope").isEmpty();
        Map<String, Integer> eventsPerUser = inboundEventCounts(ids);
        assertThat(eventsPerUser).hasSize(200);
        assertThat(eventsPerUser.values()).as("one stored event per created user").containsOnly(1);
    }

    @Test
    @Order(9)
    void keycloakRestartedWithRowsInTheOutbox_rowsAreDeliveredAfterwards() {
        gateway.stop();
        String survivor = hub.createUser("survivor", "Research");
        hub.joinGroup(survivor, "staff");
        keepKeycloakLog("keycloak-before-restart.log");
        keycloak.restart();
        gateway.start();

        await().atMost(AFTER_RESTART).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(appA.present("survivor").path("active").asBoolean()).isTrue();
            appB.present("survivor");
            scimmyApp.present("survivor");
        });
    }

    /**
     * app-b's scope is "from idp-oidc or in /staff", so deleting the group must take its members out
     * of app-b, though Keycloak drops the memberships without a leave event per member; the apps that
     * provision groups lose the group and keep the users.
     */
    @Test
    @Order(10)
    void deletingTheGroupThatDefinesAScope_membersLeaveThatAppAndTheGroupGoesEverywhere() throws SQLException {
        await().atMost(WITHIN).untilAsserted(() -> {
            for (String member : List.of("alice", "sam", "survivor")) {
                appB.present(member);
            }
            assertThat(appA.group("staff")).isPresent();
            assertThat(scimmyApp.group("staff")).isPresent();
        });

        Instant deletedAt = Instant.now();
        hub.deleteGroup("staff");

        await().atMost(WITHIN).untilAsserted(() -> {
            for (String member : List.of("alice", "sam", "survivor")) {
                assertThat(appB.user(member)).as(member + " in app-b").isEmpty();
                assertThat(appA.present(member).path("active").asBoolean()).as(member + " in app-a").isTrue();
            }
            assertThat(appA.group("staff")).as("staff in app-a").isEmpty();
            assertThat(scimmyApp.group("staff")).as("staff in scimmy").isEmpty();
            assertThat(appGroupsOf("app-a", "alice")).isEmpty();
            scimmyApp.present("alice");
            assertThat(attemptsSince("app-a", deletedAt)).as("app-a's requests since the deletion")
                    .anyMatch(attempt -> attempt.startsWith("DELETE /Groups/"));
        });
        // the members' restatements leave the group to its own delete: removing them from it would
        // race that delete, and Keycloak's SCIM answers 500 for a group that is gone
        assertThat(attemptsSince("app-a", deletedAt)).as("app-a's requests since the deletion")
                .noneMatch(attempt -> attempt.startsWith("PATCH /Groups/"))
                .allMatch(attempt -> attempt.endsWith(" 200") || attempt.endsWith(" 204"));
    }

    /** "METHOD path status" of each request the gateway recorded for a target since {@code since}. */
    private static List<String> attemptsSince(String targetId, Instant since) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT method, path, status FROM delivery_attempt "
                     + "WHERE target_id = ? AND attempted_at >= ? ORDER BY id")) {
            s.setString(1, targetId);
            s.setObject(2, since.atOffset(java.time.ZoneOffset.UTC));
            List<String> attempts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    attempts.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
                }
            }
            return attempts;
        }
    }

    /** A first or later login at the hub's portal client through an IdP, as a browser does it. */
    private static void brokeredLogin(String idpAlias, String userName) {
        hubLogin.perform(idpAlias, userName, BrokeredIdentityProviders.password(userName));
    }

    // --- reading the apps and the gateway's store ---

    private static List<String> bulkUserNames(ScimDirectory app) {
        return app.allUsers().stream().map(u -> u.path("userName").asText()).filter(n -> n.startsWith("bulk-")).toList();
    }

    /** Keycloak's SCIM API does not list a group's members, so read them through its admin API. */
    private static List<String> appGroupsOf(String appRealm, String userName) {
        JsonNode users = admin.get("/admin/realms/%s/users?exact=true&username=%s".formatted(appRealm, userName));
        List<String> names = new ArrayList<>();
        if (users.size() == 1) {
            admin.get("/admin/realms/%s/users/%s/groups".formatted(appRealm, users.get(0).path("id").asText()))
                    .forEach(group -> names.add(group.path("name").asText()));
        }
        return names;
    }

    private static List<String> scimmyMembers(String groupName) {
        List<String> members = new ArrayList<>();
        scimmyApp.group(groupName).ifPresent(g -> g.path("members").forEach(m -> members.add(m.path("value").asText())));
        return members;
    }

    private static List<Long> seqsOf(String subjectId) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT seq FROM inbound_event WHERE source_id = 'hub' AND subject_id = ? ORDER BY seq")) {
            s.setString(1, subjectId);
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
            return seqs;
        }
    }

    private static List<String> subjectsWithSeqBetween(long lowExclusive, long highExclusive) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT subject_id FROM inbound_event WHERE source_id = 'hub' AND seq > ? AND seq < ?")) {
            s.setLong(1, lowExclusive);
            s.setLong(2, highExclusive);
            List<String> subjects = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    subjects.add(rs.getString(1));
                }
            }
            return subjects;
        }
    }

    private static Map<String, Integer> inboundEventCounts(List<String> subjectIds) throws SQLException {
        Set<String> wanted = new HashSet<>(subjectIds);
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT subject_id, count(*) FROM inbound_event WHERE source_id = 'hub' GROUP BY subject_id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (wanted.contains(rs.getString(1))) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Copies the gateway and Keycloak logs to {@code target/e2e-logs} before their directories go. */
    private static void keepLogs() {
        Path target = Path.of(System.getProperty("e2e.logs.dir", "target/e2e-logs"));
        try {
            Files.createDirectories(target);
            try (Stream<Path> logs = Files.list(workDir)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                    Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("could not keep the logs in " + target + ": " + e);
        }
        keepKeycloakLog("keycloak.log");
    }

    /** Keycloak's log file starts afresh at each start, so a restart keeps the previous one first. */
    private static void keepKeycloakLog(String name) {
        Path target = Path.of(System.getProperty("e2e.logs.dir", "target/e2e-logs"));
        try {
            if (keycloak != null && Files.isRegularFile(keycloak.logFile())) {
                Files.createDirectories(target);
                Files.copy(keycloak.logFile(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep the Keycloak log in " + target + ": " + e);
        }
    }

    private static Path extensionJar() throws IOException {
        Path dir = Path.of(System.getProperty("extension.dir", "../keycloak-extension/provider/target"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("switchboard-keycloak-extension-[0-9].*(?<!-sources|-javadoc)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no extension jar in " + dir.toAbsolutePath() + ": run 'mvn verify' so it is packaged first"));
        }
    }
}
