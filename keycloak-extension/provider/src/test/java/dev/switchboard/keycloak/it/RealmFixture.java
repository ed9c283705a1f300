package dev.switchboard.keycloak.it;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One fresh realm per test, set up through the admin REST API as an operator would: the
 * {@code switchboard} listener enabled (admin events not stored), the {@code switchboard-poller} role,
 * a gateway client whose service account holds it, and a second client without it.
 */
final class RealmFixture {

    final Http http;
    final String realm;
    private final String adminToken;

    private RealmFixture(Http http, String realm, String adminToken) {
        this.http = http;
        this.realm = realm;
        this.adminToken = adminToken;
    }

    static RealmFixture create(Http http, String adminUsername, String adminPassword) {
        String adminToken = http.token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", adminUsername, "password", adminPassword));
        String realm = "hub-" + UUID.randomUUID().toString().substring(0, 8);
        RealmFixture fixture = new RealmFixture(http, realm, adminToken);
        fixture.expect(201, "POST", "/admin/realms", """
                {"realm": "%s", "enabled": true, "eventsListeners": ["jboss-logging", "switchboard"],
                 "adminEventsEnabled": false, "eventsEnabled": false}
                """.formatted(realm));
        fixture.expect(201, "POST", fixture.admin("/roles"), """
                {"name": "switchboard-poller"}
                """);
        fixture.serviceClient("gateway", true);
        fixture.serviceClient("stranger", false);
        return fixture;
    }

    private void serviceClient(String clientId, boolean poller) {
        expect(201, "POST", admin("/clients"), """
                {"clientId": "%s", "secret": "%s-secret", "publicClient": false,
                 "serviceAccountsEnabled": true, "standardFlowEnabled": false}
                """.formatted(clientId, clientId));
        if (poller) {
            String clientUuid = adminCall("GET", admin("/clients?clientId=" + clientId), null).json().get(0).get("id").asText();
            String userId = adminCall("GET", admin("/clients/" + clientUuid + "/service-account-user"), null)
                    .json().get("id").asText();
            JsonNode role = adminCall("GET", admin("/roles/switchboard-poller"), null).json();
            expect(204, "POST", admin("/users/" + userId + "/role-mappings/realm"), "[" + role + "]");
        }
    }

    String clientToken(String clientId) {
        return http.token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientId + "-secret"));
    }

    String admin(String path) {
        return "/admin/realms/" + realm + path;
    }

    Http.Reply adminCall(String method, String path, String body) {
        return http.send(method, path, adminToken, body);
    }

    /** An admin call that must answer with the given status; returns the created id for 201s. */
    String expect(int status, String method, String path, String body) {
        Http.Reply reply = adminCall(method, path, body);
        if (reply.status() != status) {
            throw new AssertionError(method + " " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.raw().headers().firstValue("Location")
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .orElse("");
    }

    Http.Reply poll(String token, String body) {
        return http.send("POST", "/realms/" + realm + "/switchboard/poll", token, body);
    }
}
