package dev.switchboard.gateway.auth;

/** {@code switchboard.admin.auth}. */
public enum AuthMode {
    /** Sign-in through an OpenID Connect provider (Keycloak): session cookie for the console, bearer tokens for scripts. */
    OIDC,
    /** Everyone is admin. Only allowed when the gateway listens on loopback. */
    NONE
}
