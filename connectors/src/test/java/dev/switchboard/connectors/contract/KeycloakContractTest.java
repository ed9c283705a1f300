package dev.switchboard.connectors.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.switchboard.connectors.auth.Authenticators;
import dev.switchboard.connectors.auth.ScimAuth;
import dev.switchboard.connectors.profile.VendorProfile;
import dev.switchboard.connectors.profile.VendorProfiles;
import dev.switchboard.connectors.scim.Filter;
import dev.switchboard.connectors.scim.ResourceType;
import dev.switchboard.connectors.scim.ScimClient;
import dev.switchboard.connectors.scim.ScimClientConfig;
import dev.switchboard.connectors.scim.ScimClients;
import dev.switchboard.connectors.scim.ScimException;
import dev.switchboard.connectors.scim.ScimResource;
import dev.switchboard.testkit.keycloak.KeycloakAdmin;
import dev.switchboard.testkit.keycloak.KeycloakServer;
import dev.switchboard.testkit.keycloak.ScimAppRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract against Keycloak 26.7.3's own SCIM API (an app realm with {@code scimApiEnabled}),
 * authenticated with a client-secret token from the realm's real token endpoint. Membership is read
 * through Keycloak's admin API, because SCIM GET on a Keycloak group does not list members.
 */
class KeycloakContractTest extends ScimClientContractTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static KeycloakAdmin admin;
    private static ScimAppRealm app;
    private static ScimClient client;
    private static VendorProfile profile;

    @BeforeAll
    static void start() {
        KeycloakServer server = KeycloakServer.shared();
        admin = server.admin();
        app = ScimAppRealm.create(admin, "connectors-" + Long.toHexString(System.nanoTime()));
        profile = ContractProfiles.withMaxMembersPerPatch(VendorProfiles.load("keycloak"), 2);
        client = clientFor(new ScimAuth.ClientSecret(app.tokenUrl(), app.clientId(), app.clientSecret(), Optional.empty()));
    }

    private static ScimClient clientFor(ScimAuth auth) {
        ScimClientConfig config = new ScimClientConfig(app.scimBaseUrl(), auth, "keycloak",
                Duration.ofSeconds(5), Duration.ofSeconds(30));
        return ScimClients.create(config, profile,
                Authenticators.create(auth, HTTP, config.requestTimeout(), Clock.systemUTC()), HTTP, Clock.systemUTC());
    }

    @Override
    protected ScimClient client() {
        return client;
    }

    @Override
    protected VendorProfile profile() {
        return profile;
    }

    @Override
    protected Set<String> observedMembers(String groupId) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode user : admin.get("/admin/realms/%s/groups/%s/members?max=1000".formatted(app.realm(), groupId))) {
            ids.add(user.path("id").asText());
        }
        return ids;
    }

    @Test
    void mixedCaseUserName_isStoredLowerCase_andFoundCaseInsensitively() {
        String mixed = "MiXed-" + unique("case");
        ScimResource created = client.create(ResourceType.USER, user(mixed));

        ScimResource read = client.get(ResourceType.USER, created.id()).orElseThrow();

        assertThat(read.body().path("userName").asText()).isEqualTo(mixed.toLowerCase());
        assertThat(client.findOne(ResourceType.USER, Filter.eq("userName", mixed.toUpperCase())))
                .map(ScimResource::id).contains(created.id());
    }

    @Test
    void updateFromGet_whenExternalIdIsNotStored_sendsNoExternalIdAndSucceeds() {
        ObjectNode withExternalId = user(unique("ext"));
        withExternalId.put("externalId", "kc-" + unique("ext"));
        ScimResource created = client.create(ResourceType.USER, withExternalId);
        ScimResource read = client.get(ResourceType.USER, created.id()).orElseThrow();
        assertThat(read.body().has("externalId")).isFalse();

        ScimResource updated = client.update(ResourceType.USER, created.id(), read.body(), withExternalId, read.version());

        assertThat(updated.id()).isEqualTo(created.id());
    }

    @Test
    void groupPutWithMembers_isSentWithoutThemAndKeepsMembership() {
        String member = createUser("keep").id();
        ObjectNode group = object("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}""");
        group.put("displayName", unique("put-group"));
        group.putArray("members").addObject().put("value", member);
        ScimResource created = client.create(ResourceType.GROUP, group);

        ObjectNode renamed = group.deepCopy();
        renamed.put("displayName", unique("put-group-2"));
        ScimResource replaced = client.replace(ResourceType.GROUP, created.id(), renamed, Optional.empty());

        assertThat(replaced.body().path("displayName").asText()).isEqualTo(unique("put-group-2"));
        assertThat(observedMembers(created.id())).containsExactly(member);
    }

    @Test
    void privateKeyJwtClient_getsTokenFromKeycloakAndCallsScim() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String kid = "sb-" + unique("k");
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
        String clientId = "switchboard-jwt-" + unique("c");
        registerJwtClient(clientId, new JWKSet(jwk).toString());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ScimClient jwtClient = clientFor(new ScimAuth.PrivateKeyJwt(app.tokenUrl(), clientId, pem, Optional.of(kid), Optional.empty()));

        ScimResource created = jwtClient.create(ResourceType.USER, user(unique("jwt")));

        assertThat(jwtClient.get(ResourceType.USER, created.id())).map(ScimResource::id).contains(created.id());
    }

    /** Keycloak 26.7.3 answers a wrong client secret with 401 {@code unauthorized_client}, not {@code invalid_client}. */
    @Test
    void wrongClientSecret_isPermanentAndNeverEchoesTheSecret() {
        ScimClient wrong = clientFor(new ScimAuth.ClientSecret(app.tokenUrl(), app.clientId(), "not-the-secret", Optional.empty()));

        assertThatThrownBy(() -> wrong.get(ResourceType.USER, "x"))
                .isInstanceOfSatisfying(ScimException.Permanent.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("error=unauthorized_client").doesNotContain("not-the-secret");
                });
    }

    /** A second client of the app realm that authenticates with a signed JWT against the given JWKS. */
    private static void registerJwtClient(String clientId, String jwks) {
        ObjectNode jwtClient = admin.object("""
                {"enabled":true,"publicClient":false,"serviceAccountsEnabled":true,"standardFlowEnabled":false,
                 "directAccessGrantsEnabled":false,"clientAuthenticatorType":"client-jwt",
                 "attributes":{"use.jwks.string":"true","token.endpoint.auth.signing.alg":"RS256"}}""");
        jwtClient.put("clientId", clientId);
        ((ObjectNode) jwtClient.get("attributes")).put("jwks.string", jwks);
        ObjectNode mapper = jwtClient.putArray("protocolMappers").addObject()
                .put("name", "scim-audience").put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
        mapper.putObject("config").put("included.custom.audience", app.scimBaseUrl().toString())
                .put("access.token.claim", "true").put("id.token.claim", "false");
        String realm = app.realm();
        String uuid = admin.create("/admin/realms/%s/clients".formatted(realm), jwtClient);
        String serviceAccount = admin.get("/admin/realms/%s/clients/%s/service-account-user".formatted(realm, uuid))
                .path("id").asText();
        String realmManagement = admin.get("/admin/realms/%s/clients?clientId=realm-management".formatted(realm))
                .path(0).path("id").asText();
        ArrayNode roles = admin.json().createArrayNode()
                .add(admin.get("/admin/realms/%s/clients/%s/roles/manage-users".formatted(realm, realmManagement)));
        admin.post("/admin/realms/%s/users/%s/role-mappings/clients/%s".formatted(realm, serviceAccount, realmManagement), roles);
    }
}
