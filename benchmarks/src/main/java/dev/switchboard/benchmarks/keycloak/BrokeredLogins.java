package dev.switchboard.benchmarks.keycloak;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.testkit.keycloak.KeycloakAdmin;
import dev.switchboard.testkit.keycloak.KeycloakServer;

/**
 * Brokered OIDC logins into {@link BenchRealms#HUB} and {@link BenchRealms#PLAIN}: both realms
 * broker the same IdP realm ({@value #IDP_REALM}, sync mode force) for the same users, so the only
 * difference between a login into one and into the other is the extension's listener. The other
 * two realms of (a) broker it too, unused, so all four realms (a) compares are set up alike apart
 * from the extension. Each login
 * is a fresh browser: the IdP's login form, its password check, the broker's callback and token
 * exchange, then the redirect to the app with a code.
 */
final class BrokeredLogins {

    static final String IDP_REALM = "idp";
    private static final String IDP_ALIAS = "corp";
    private static final String CALLBACK = "http://127.0.0.1/bench-callback";
    private static final String APP_CLIENT = "bench-app";
    private static final String PASSWORD = "Bench-login-1";

    private final KeycloakServer keycloak;
    private final List<String> usernames;

    private BrokeredLogins(KeycloakServer keycloak, List<String> usernames) {
        this.keycloak = keycloak;
        this.usernames = usernames;
    }

    /** Creates the IdP realm with {@code users} users and links it to every realm of (a). */
    static BrokeredLogins create(KeycloakServer keycloak, KeycloakAdmin admin, int users) {
        List<String> usernames = IntStream.range(0, users).mapToObj(i -> "fed-" + i).toList();
        ObjectNode idp = admin.object("""
                {"realm": "%s", "enabled": true}
                """.formatted(IDP_REALM));
        ArrayNode clients = idp.putArray("clients");
        ArrayNode people = idp.putArray("users");
        for (String realm : BenchRealms.ALL) {
            clients.add(admin.object("""
                    {"clientId": "broker-%s", "secret": "broker-secret", "publicClient": false,
                     "standardFlowEnabled": true, "redirectUris": ["%s/broker/%s/endpoint"]}
                    """.formatted(realm, keycloak.realmUrl(realm), IDP_ALIAS)));
        }
        for (String username : usernames) {
            people.add(admin.object("""
                    {"username": "%s", "enabled": true, "email": "%s@corp.example", "emailVerified": true,
                     "firstName": "Fed", "lastName": "%s",
                     "credentials": [{"type": "password", "value": "%s", "temporary": false}]}
                    """.formatted(username, username, username, PASSWORD)));
        }
        admin.importRealm(idp);
        String idpUrl = keycloak.realmUrl(IDP_REALM).toString();
        for (String realm : BenchRealms.ALL) {
            admin.post("/admin/realms/" + realm + "/identity-provider/instances", admin.object("""
                    {"alias": "%s", "providerId": "oidc", "enabled": true, "trustEmail": true,
                     "config": {"authorizationUrl": "%s/protocol/openid-connect/auth",
                                "tokenUrl": "%s/protocol/openid-connect/token",
                                "userInfoUrl": "%s/protocol/openid-connect/userinfo",
                                "jwksUrl": "%s/protocol/openid-connect/certs", "useJwksUrl": "true",
                                "validateSignature": "true", "issuer": "%s",
                                "clientId": "broker-%s", "clientSecret": "broker-secret",
                                "clientAuthMethod": "client_secret_post", "syncMode": "FORCE",
                                "defaultScope": "openid profile email"}}
                    """.formatted(IDP_ALIAS, idpUrl, idpUrl, idpUrl, idpUrl, idpUrl, realm)));
            admin.post("/admin/realms/" + realm + "/clients", admin.object("""
                    {"clientId": "%s", "publicClient": true, "standardFlowEnabled": true,
                     "redirectUris": ["%s"]}
                    """.formatted(APP_CLIENT, CALLBACK)));
        }
        return new BrokeredLogins(keycloak, usernames);
    }

    /** Each user's first login into each realm, which creates the brokered user there. */
    void firstLogins() {
        for (String username : usernames) {
            loginNanos(BenchRealms.PLAIN, username);
            loginNanos(BenchRealms.HUB, username);
        }
    }

    List<String> usernames() {
        return usernames;
    }

    /** One complete login of {@code username} into {@code realm} through the IdP; returns its duration. */
    long loginNanos(String realm, String username) {
        URI start = URI.create(keycloak.realmUrl(realm) + "/protocol/openid-connect/auth?client_id=" + APP_CLIENT
                + "&response_type=code&scope=openid&kc_idp_hint=" + IDP_ALIAS + "&redirect_uri="
                + java.net.URLEncoder.encode(CALLBACK, java.nio.charset.StandardCharsets.UTF_8));
        long started = System.nanoTime();
        new LoginBrowser().login(start, username, PASSWORD, CALLBACK);
        return System.nanoTime() - started;
    }
}
