package dev.switchboard.testkit.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Keycloak realm playing a downstream SCIM app: Keycloak 26's own SCIM 2.0 endpoint
 * ({@code scim-api} feature) with a confidential client Switchboard authenticates as.
 *
 * <p>The recipe, found against the real server (details in {@code testkit/KEYCLOAK-SCIM-NOTES.md}):
 * the realm needs {@code scimApiEnabled: true}; the client's service account needs
 * {@code realm-management/manage-users} (enough for Users and Groups, reads included); and the
 * access token's {@code aud} must contain the SCIM base URL exactly as the token's issuer spells the
 * server, else every call is 401 "Invalid token audience".
 *
 * @param realm        realm name
 * @param scimBaseUrl  {@code {server}/realms/{realm}/scim/v2}
 * @param tokenUrl     the realm's OAuth token endpoint, for the client-credentials grant
 * @param clientId     confidential client with a service account
 * @param clientSecret its secret
 */
public record ScimAppRealm(String realm, URI scimBaseUrl, URI tokenUrl, String clientId, String clientSecret) {

    private static final String CLIENT_ID = "switchboard";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Creates realm {@code name} on the server {@code admin} talks to. */
    public static ScimAppRealm create(KeycloakAdmin admin, String name) {
        URI server = admin.server();
        URI scimBase = URI.create("%s/realms/%s/scim/v2".formatted(server, name));
        String secret = newSecret();

        ObjectNode realm = admin.json().createObjectNode()
                .put("realm", name)
                .put("enabled", true)
                .put("scimApiEnabled", true)
                .put("sslRequired", "none");
        admin.importRealm(realm);

        ObjectNode client = admin.json().createObjectNode()
                .put("clientId", CLIENT_ID)
                .put("enabled", true)
                .put("publicClient", false)
                .put("serviceAccountsEnabled", true)
                .put("standardFlowEnabled", false)
                .put("directAccessGrantsEnabled", false)
                .put("secret", secret);
        ArrayNode mappers = client.putArray("protocolMappers");
        ObjectNode audience = mappers.addObject()
                .put("name", "scim-audience")
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config")
                .put("included.custom.audience", scimBase.toString())
                .put("access.token.claim", "true")
                .put("id.token.claim", "false")
                .put("introspection.token.claim", "true");
        String clientUuid = admin.create("/admin/realms/%s/clients".formatted(name), client);

        String serviceAccount = admin.get("/admin/realms/%s/clients/%s/service-account-user".formatted(name, clientUuid))
                .path("id").asText();
        String realmManagement = admin.get("/admin/realms/%s/clients?clientId=realm-management".formatted(name))
                .path(0).path("id").asText();
        JsonNode manageUsers = admin.get("/admin/realms/%s/clients/%s/roles/manage-users".formatted(name, realmManagement));
        ArrayNode roles = admin.json().createArrayNode().add(manageUsers);
        admin.post("/admin/realms/%s/users/%s/role-mappings/clients/%s".formatted(name, serviceAccount, realmManagement), roles);

        URI tokenUrl = URI.create("%s/realms/%s/protocol/openid-connect/token".formatted(server, name));
        return new ScimAppRealm(name, scimBase, tokenUrl, CLIENT_ID, secret);
    }

    /** A fresh access token by the client-credentials grant (lives 5 minutes by default). */
    public String accessToken() {
        String form = "grant_type=client_credentials&client_id=%s&client_secret=%s".formatted(
                URLEncoder.encode(clientId, StandardCharsets.UTF_8), URLEncoder.encode(clientSecret, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new KeycloakAdminException("POST", tokenUrl.getPath(), response.statusCode(), response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token request to %s failed".formatted(tokenUrl), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during token request", e);
        }
    }

    @Override
    public String toString() {
        return "ScimAppRealm[realm=%s, scimBaseUrl=%s, clientId=%s, clientSecret=<redacted>]".formatted(realm, scimBaseUrl, clientId);
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
