package dev.switchboard.testkit.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.keycloak.KeycloakAdmin;

import java.util.HashMap;
import java.util.Map;

/**
 * The broker realm: the extension's listener enabled, custom attributes allowed (IdP mappers and the
 * admin API drop unmanaged ones otherwise), and a service-account client for the gateway's polls.
 */
public final class HubRealm {

    public static final String NAME = "hub";
    public static final String GATEWAY_CLIENT_ID = "switchboard-gateway";
    public static final String GATEWAY_CLIENT_SECRET = "gateway-poller-secret";

    private final KeycloakAdmin admin;
    private final Map<String, String> groupIds = new HashMap<>();

    private HubRealm(KeycloakAdmin admin) {
        this.admin = admin;
    }

    public static HubRealm create(KeycloakAdmin admin) {
        admin.importRealm(admin.object("""
                {"realm": "hub", "enabled": true, "sslRequired": "none",
                 "eventsListeners": ["jboss-logging", "switchboard"]}
                """));
        HubRealm hub = new HubRealm(admin);
        hub.allowUnmanagedAttributes();
        hub.createPollerClient();
        return hub;
    }

    private void allowUnmanagedAttributes() {
        String path = "/admin/realms/hub/users/profile";
        ObjectNode profile = (ObjectNode) admin.get(path);
        profile.put("unmanagedAttributePolicy", "ENABLED");
        admin.put(path, profile);
    }

    private void createPollerClient() {
        admin.post("/admin/realms/hub/roles", admin.object("""
                {"name": "switchboard-poller"}
                """));
        String clientUuid = admin.create("/admin/realms/hub/clients", admin.object("""
                {"clientId": "%s", "enabled": true, "publicClient": false, "secret": "%s",
                 "serviceAccountsEnabled": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": false}
                """.formatted(GATEWAY_CLIENT_ID, GATEWAY_CLIENT_SECRET)));
        String serviceAccount = admin.get("/admin/realms/hub/clients/%s/service-account-user".formatted(clientUuid)).path("id").asText();
        JsonNode role = admin.get("/admin/realms/hub/roles/switchboard-poller");
        admin.post("/admin/realms/hub/users/%s/role-mappings/realm".formatted(serviceAccount), admin.json().createArrayNode().add(role));
    }

    /** A top-level group; returns its id. */
    public String createGroup(String name) {
        String id = admin.create("/admin/realms/hub/groups", admin.object("""
                {"name": "%s"}
                """.formatted(name)));
        groupIds.put(name, id);
        return id;
    }

    /** A user as an administrator creates one; returns the Keycloak id. */
    public String createUser(String userName, String department) {
        return admin.create("/admin/realms/hub/users", userJson(userName, department));
    }

    public ObjectNode userJson(String userName, String department) {
        return admin.object("""
                {"username": "%1$s", "enabled": true, "email": "%1$s@example.org", "emailVerified": true,
                 "firstName": "First-%1$s", "lastName": "Last-%1$s",
                 "attributes": {"department": ["%2$s"]}}
                """.formatted(userName, department));
    }

    public void joinGroup(String userId, String groupName) {
        admin.put("/admin/realms/hub/users/%s/groups/%s".formatted(userId, groupIds.get(groupName)), null);
    }

    public void setEnabled(String userId, boolean enabled) {
        ObjectNode user = (ObjectNode) admin.get("/admin/realms/hub/users/" + userId);
        user.put("enabled", enabled);
        admin.put("/admin/realms/hub/users/" + userId, user);
    }

    /** Removes a group created by {@link #createGroup}, with its memberships, as an administrator does. */
    public void deleteGroup(String name) {
        admin.delete("/admin/realms/hub/groups/" + groupIds.remove(name));
    }

    public void deleteUser(String userId) {
        admin.delete("/admin/realms/hub/users/" + userId);
    }
}
