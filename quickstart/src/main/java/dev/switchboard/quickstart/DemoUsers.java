package dev.switchboard.quickstart;

import dev.switchboard.testkit.keycloak.KeycloakAdmin;
import dev.switchboard.testkit.topology.BrokeredIdentityProviders;
import dev.switchboard.testkit.topology.Federation;

import java.net.URI;
import java.util.List;

/**
 * The people to log in as. They exist only at their IdP: the hub learns of them at their first
 * brokered login, which is the moment Switchboard provisions them downstream. Their departments
 * put them into different targets' scopes (alice: Research, so SCIMMY; bob: from the OIDC IdP, so app-b).
 */
final class DemoUsers implements RealmSetup {

    static final String SAML_USER = "alice";
    static final String OIDC_USER = "bob";

    @Override
    public void create(KeycloakAdmin admin, Federation federation) {
        federation.idps().createIdpUser(BrokeredIdentityProviders.SAML, SAML_USER, "Alice", "Archer", "Research");
        federation.idps().createIdpUser(BrokeredIdentityProviders.OIDC, OIDC_USER, "Bob", "Baker", "Partners");
    }

    static String password(String user) {
        return BrokeredIdentityProviders.password(user);
    }

    @Override
    public List<String> tryIt(URI keycloak) {
        return List.of(
                "1. Open %s/realms/hub/account , choose \"SAML IdP\" and sign in as %s / %s"
                        .formatted(keycloak, SAML_USER, password(SAML_USER)),
                "   (a first login through an IdP creates the user in the hub: that is the change Switchboard sends on).",
                "2. Within seconds %s is in app-a (every hub user) and in SCIMMY (department Research), not in app-b;"
                        .formatted(SAML_USER),
                "   look with the SCIM requests under \"Downstream apps\" below.",
                "3. In a private window, sign in as %s / %s through \"OIDC IdP\": %s reaches app-a and app-b (OIDC users), not SCIMMY."
                        .formatted(OIDC_USER, password(OIDC_USER), OIDC_USER),
                "4. Change alice's department at %s/admin/master/console/#/idp-saml/users and log in again:"
                        .formatted(keycloak),
                "   leaving Research removes her from SCIMMY.");
    }
}
