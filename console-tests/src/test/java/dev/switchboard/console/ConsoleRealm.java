package dev.switchboard.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.keycloak.KeycloakAdmin;

import java.net.URI;
import java.util.UUID;

/**
 * The Keycloak realm operators sign in to: client {@value #CLIENT_ID} (code flow for the console,
 * password grant so tests can also call the API with a bearer token), the two console roles, and
 * one user per role. Every user has the profile fields Keycloak 26 requires, so sign-in never stops
 * at an "update your profile" form.
 */
record ConsoleRealm(URI issuer, String clientSecret) {

    static final String REALM = "ops";
    static final String CLIENT_ID = "switchboard-console";
    static final String VIEWER = "viewer";
    static final String ADMIN = "admin";
    static final String VIEWER_ROLE = "switchboard-viewer";
    static final String ADMIN_ROLE = "switchboard-admin";

    static ConsoleRealm create(KeycloakAdmin admin) {
        String secret = UUID.randomUUID().toString();
        admin.importRealm(admin.object("""
                {
                  "realm": "%s",
                  "enabled": true,
                  "sslRequired": "none",
                  "roles": { "realm": [ { "name": "%s" }, { "name": "%s" } ] },
                  "clients": [ {
                    "clientId": "%s",
                    "enabled": true,
                    "publicClient": false,
                    "secret": "%s",
                    "standardFlowEnabled": true,
                    "directAccessGrantsEnabled": true,
                    "redirectUris": [ ],
                    "webOrigins": [ "+" ],
                    "attributes": { "post.logout.redirect.uris": "+" }
                  } ],
                  "users": [ %s, %s ]
                }
                """.formatted(REALM, VIEWER_ROLE, ADMIN_ROLE, CLIENT_ID, secret,
                user(VIEWER, "Vera", "Viewer", "\"%s\"".formatted(VIEWER_ROLE)),
                user(ADMIN, "Ada", "Admin", "\"%s\", \"%s\"".formatted(VIEWER_ROLE, ADMIN_ROLE)))));
        return new ConsoleRealm(URI.create(admin.server() + "/realms/" + REALM), secret);
    }

    /** The gateway's port is known only once it runs: then the console becomes a valid redirect target. */
    static void allowRedirectsTo(KeycloakAdmin admin, URI gateway) {
        String clients = "/admin/realms/%s/clients".formatted(REALM);
        ObjectNode client = (ObjectNode) admin.get(clients + "?clientId=" + CLIENT_ID).path(0);
        client.putArray("redirectUris").add(gateway + "/*");
        admin.put(clients + "/" + client.path("id").asText(), client);
    }

    /** Every user's password is its username followed by {@code -pass}. */
    static String passwordOf(String username) {
        return username + "-pass";
    }

    private static String user(String username, String first, String last, String roles) {
        return """
                {
                  "username": "%s", "enabled": true, "email": "%s@ops.example.org", "emailVerified": true,
                  "firstName": "%s", "lastName": "%s",
                  "credentials": [ { "type": "password", "value": "%s", "temporary": false } ],
                  "realmRoles": [ %s ]
                }""".formatted(username, username, first, last, passwordOf(username), roles);
    }
}
