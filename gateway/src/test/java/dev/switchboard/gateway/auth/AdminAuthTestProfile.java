package dev.switchboard.gateway.auth;

import dev.switchboard.gateway.delivery.DeliveryTestProfile;

import java.util.List;

/** The delivery stand-ins plus a real Keycloak, with the admin API in OIDC mode. */
public class AdminAuthTestProfile extends DeliveryTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakConsoleRealm.class));
    }
}
