package dev.switchboard.keycloak.transmitter;

import java.util.Optional;

import org.keycloak.Config;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
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

    /**
     * Realm role {@code switchboard-poller}. A token this node verified within the trust window is
     * not put through Keycloak's bearer check again; its account, client and role still are.
     */
    static Outcome poller(KeycloakSession session, RealmModel realm, VerifiedPollerTokens verified) {
        RoleModel role = realm.getRole(POLLER_ROLE);
        AppAuthManager.AuthHeader header =
                AppAuthManager.extractAuthorizationHeaderTokenOrReturnNull(session.getContext().getRequestHeaders());
        if (header != null) {
            Optional<VerifiedPollerTokens.Verified> known = verified.lookup(realm.getId(), header.getToken());
            if (known.isPresent()) {
                UserModel user = session.users().getUserById(realm, known.get().userId());
                if (user != null && user.isEnabled() && serviceAccountClientEnabled(realm, user)) {
                    return role != null && user.hasRole(role) ? new Outcome.Allowed(user) : new Outcome.Forbidden(user);
                }
                verified.forget(header.getToken());
                return new Outcome.Unauthenticated();
            }
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            return new Outcome.Unauthenticated();
        }
        if (header != null && auth.token() != null) {
            verified.remember(realm.getId(), auth.user().getId(), header.getToken(), auth.token().getExp());
        }
        return role != null && auth.user().hasRole(role) ? new Outcome.Allowed(auth.user()) : new Outcome.Forbidden(auth.user());
    }

    /** A service account whose client was disabled must stop at once, as Keycloak's own check would. */
    private static boolean serviceAccountClientEnabled(RealmModel realm, UserModel user) {
        String clientId = user.getServiceAccountClientLink();
        if (clientId == null) {
            return true;
        }
        ClientModel client = realm.getClientById(clientId);
        return client != null && client.isEnabled();
    }

    /**
     * May manage the realm's users: {@code realm-management/manage-users} (which realm-admin
     * includes) for a token of this realm, or {@code <realm>-realm/manage-users} (which the master
     * {@code admin} role includes) for a token of the admin realm. Fine-grained admin permissions
     * are not consulted.
     */
    static Outcome userManager(KeycloakSession session, RealmModel realm) {
        AppAuthManager.AuthHeader header =
                AppAuthManager.extractAuthorizationHeaderTokenOrReturnNull(session.getContext().getRequestHeaders());
        if (header == null) {
            return new Outcome.Unauthenticated();
        }
        Optional<RealmModel> tokenRealm = issuerRealm(session, realm, header.getToken());
        if (tokenRealm.isEmpty()) {
            return new Outcome.Unauthenticated();
        }
        AuthenticationManager.AuthResult auth;
        session.getContext().setRealm(tokenRealm.get());
        try {
            auth = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(tokenRealm.get()).setTokenString(header.getToken()).authenticate();
        } finally {
            session.getContext().setRealm(realm);
        }
        if (auth == null || auth.user() == null) {
            return new Outcome.Unauthenticated();
        }
        ClientModel management = tokenRealm.get() == realm
                ? realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID)
                : realm.getMasterAdminClient();
        RoleModel manageUsers = management == null ? null : management.getRole(AdminRoles.MANAGE_USERS);
        return manageUsers != null && auth.user().hasRole(manageUsers)
                ? new Outcome.Allowed(auth.user())
                : new Outcome.Forbidden(auth.user());
    }

    /**
     * The realm that claims to have issued the token: this realm or the admin realm, nothing else.
     * Only a routing decision; the signature is verified afterwards against that realm's keys.
     */
    private static Optional<RealmModel> issuerRealm(KeycloakSession session, RealmModel realm, String token) {
        String issuer;
        try {
            issuer = new JWSInput(token).readJsonContent(AccessToken.class).getIssuer();
        } catch (JWSInputException e) {
            return Optional.empty();
        }
        if (issuer == null) {
            return Optional.empty();
        }
        String realmName = issuer.substring(issuer.lastIndexOf('/') + 1);
        if (realmName.equals(realm.getName())) {
            return Optional.of(realm);
        }
        if (realmName.equals(Config.getAdminRealm())) {
            return Optional.ofNullable(session.realms().getRealmByName(realmName));
        }
        return Optional.empty();
    }
}
