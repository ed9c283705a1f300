package dev.switchboard.keycloak.transmitter;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.AdminRoles;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who may call the endpoints: a bearer token issued by this realm whose user (for the gateway, a
 * client's service account) currently holds the required role. Roles are read from the user, not
 * the token, so revoking the role takes effect at once.
 */
final class CallerCheck {

    static final String POLLER_ROLE = "switchboard-poller";

    sealed interface Outcome {
        record Allowed(UserModel caller) implements Outcome {
        }

        record Unauthenticated() implements Outcome {
        }

        record Forbidden(UserModel caller) implements Outcome {
        }
    }

    private CallerCheck() {
    }

    /** Realm role {@code switchboard-poller}. */
    static Outcome poller(KeycloakSession session, RealmModel realm) {
        return check(session, realm.getRole(POLLER_ROLE));
    }

    /** {@code realm-management/manage-users}, which realm-admin includes. */
    static Outcome userManager(KeycloakSession session, RealmModel realm) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return check(session, management == null ? null : management.getRole(AdminRoles.MANAGE_USERS));
    }

    private static Outcome check(KeycloakSession session, RoleModel required) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            return new Outcome.Unauthenticated();
        }
        if (required == null || !auth.user().hasRole(required)) {
            return new Outcome.Forbidden(auth.user());
        }
        return new Outcome.Allowed(auth.user());
    }
}
