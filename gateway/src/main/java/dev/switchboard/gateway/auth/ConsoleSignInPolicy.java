package dev.switchboard.gateway.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Guards the console's pages ({@code /console/**}, named in application.properties): with OIDC, a
 * visitor who is not signed in is denied, which makes Quarkus start the code flow (a redirect to
 * Keycloak's login page); a signed-in person without the viewer role is refused. With auth off,
 * the pages are open, as the API is.
 */
@ApplicationScoped
public class ConsoleSignInPolicy implements HttpSecurityPolicy {

    static final String NAME = "switchboard-console";

    private final CallerResolver callers;

    ConsoleSignInPolicy(CallerResolver callers) {
        this.callers = callers;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        return identity.map(id -> callers.resolve(id).viewer() ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return NAME;
    }
}
