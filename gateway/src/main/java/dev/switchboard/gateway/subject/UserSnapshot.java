package dev.switchboard.gateway.subject;

import java.util.List;
import java.util.Map;

/**
 * A Keycloak user as it is now.
 *
 * @param attributes          Keycloak user attributes (multi-valued), after the realm's user profile
 * @param groups              direct group memberships
 * @param federatedIdentities links to brokered IdPs (the IdP alias says where the person came from)
 */
public record UserSnapshot(
        String id,
        String realm,
        String username,
        String email,
        boolean emailVerified,
        String firstName,
        String lastName,
        boolean enabled,
        Map<String, List<String>> attributes,
        List<GroupRef> groups,
        List<FederatedIdentity> federatedIdentities) implements Snapshot {

    public record GroupRef(String id, String name, String path) {
    }

    public record FederatedIdentity(String identityProvider, String userId, String userName) {
    }
}
