package dev.switchboard.gateway.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Locale;

/** Who the caller is, what they may do, and the CSRF token the console sends with every change. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final AdminAuthConfig config;
    private final CsrfTokens csrf;
    private final CallerResolver callers;
    private final SecurityIdentity identity;

    MeResource(AdminAuthConfig config, CsrfTokens csrf, CallerResolver callers, SecurityIdentity identity) {
        this.config = config;
        this.csrf = csrf;
        this.callers = callers;
        this.identity = identity;
    }

    /**
     * @param csrfToken bound to the sign-in session; bearer callers get one too but need not send it.
     *                  With auth off there is no session and the token is not checked.
     */
    public record Me(String user, List<String> roles, String csrfToken, String authMode) {
    }

    @GET
    public Me me() {
        AdminCaller caller = callers.resolve(identity);
        String token = csrf.tokenFor(caller.cookieSession() ? caller.sessionIdentity() : "user|" + caller.user());
        return new Me(caller.user(), caller.roles(config), token, config.auth().name().toLowerCase(Locale.ROOT));
    }
}
