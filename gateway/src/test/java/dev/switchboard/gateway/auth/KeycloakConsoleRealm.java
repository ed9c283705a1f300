package dev.switchboard.gateway.auth;

import dev.switchboard.testkit.keycloak.KeycloakAdmin;
import dev.switchboard.testkit.keycloak.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.URI;
import java.util.Map;

/**
 * A real Keycloak with an {@code ops} realm for the console: the two roles, a confidential client
 * allowed both the code flow (the console) and the password grant (tests standing in for scripts),
 * and the users {@code viewer} and {@code admin}. Hands the gateway its OIDC settings.
 */
public class KeycloakConsoleRealm implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "ops";
    public static final String CLIENT_ID = "switchboard-console";
    public static final String CLIENT_SECRET = "console-secret-for-tests";
    public static final String PASSWORD = "pass-for-tests";

    /** Set by {@link #start()}: the tests fetch tokens from it. */
    static volatile URI realmUrl;
    private KeycloakServer keycloak;

    @Override
    public Map<String, String> start() {
        keycloak = KeycloakServer.builder().start();
        KeycloakAdmin admin = keycloak.admin();
        admin.importRealm(admin.object("""
                {
                  "realm": "%s",
                  "enabled": true,
                  "roles": { "realm": [ { "name": "switchboard-viewer" }, { "name": "switchboard-admin" } ] },
                  "clients": [ {
                    "clientId": "%s",
                    "enabled": true,
                    "publicClient": false,
                    "secret": "%s",
                    "standardFlowEnabled": true,
                    "directAccessGrantsEnabled": true,
                    "redirectUris": [ "*" ],
                    "webOrigins": [ "+" ]
                  } ],
                  "users": [
                    %s,
                    %s
                  ]
                }""".formatted(REALM, CLIENT_ID, CLIENT_SECRET, user("viewer", "switchboard-viewer"),
                user("admin", "switchboard-admin"))));
        realmUrl = keycloak.realmUrl(REALM);
        return Map.of(
                "switchboard.admin.auth", "oidc",
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", realmUrl.toString(),
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", CLIENT_SECRET);
    }

    private static String user(String name, String role) {
        return """
                {
                  "username": "%s", "enabled": true, "email": "%s@ops.example", "emailVerified": true,
                  "firstName": "%s", "lastName": "Operator",
                  "credentials": [ { "type": "password", "value": "%s", "temporary": false } ],
                  "realmRoles": [ "%s" ]
                }""".formatted(name, name, name, PASSWORD, role);
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
