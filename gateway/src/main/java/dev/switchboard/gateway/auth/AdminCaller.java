package dev.switchboard.gateway.auth;

import java.util.List;

/**
 * Who is calling the admin API, as the access rules see it.
 *
 * @param user            {@code preferred_username}, else {@code sub}; {@code anonymous} when auth is off
 * @param viewer          may read
 * @param admin           may change things
 * @param cookieSession   authenticated by the console's session cookie, so state changes need the CSRF header
 * @param sessionIdentity what the CSRF token is bound to; empty for bearer callers
 */
public record AdminCaller(String user, boolean authenticated, boolean viewer, boolean admin, boolean cookieSession,
                          String sessionIdentity) {

    public List<String> roles(AdminAuthConfig config) {
        if (admin) {
            return List.of(config.viewerRole(), config.adminRole());
        }
        return viewer ? List.of(config.viewerRole()) : List.of();
    }
}
