package dev.switchboard.gateway.auth;

import dev.switchboard.gateway.api.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Set;

/**
 * The access rules of the admin API ({@code /api/v1/**}): a viewer may read, an admin may also
 * change; a change made with the console's session cookie must carry the CSRF header. Refusals are
 * problem+json like every other error. The caller is left on the request for the audit log.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AdminAccessFilter implements ContainerRequestFilter {

    public static final String CSRF_HEADER = "X-Switchboard-CSRF";
    /** Request property holding the {@link AdminCaller}. */
    public static final String CALLER_PROPERTY = AdminCaller.class.getName();
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SecurityIdentity identity;
    @Inject
    CallerResolver callers;
    @Inject
    CsrfTokens csrf;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isAdminApi(request.getUriInfo().getPath())) {
            return;
        }
        AdminCaller caller = callers.resolve(identity);
        request.setProperty(CALLER_PROPERTY, caller);
        if (!caller.authenticated()) {
            request.abortWith(withChallenge(Problem.response(Response.Status.UNAUTHORIZED,
                    "sign in, or send an access token as Authorization: Bearer")));
            return;
        }
        boolean read = READS.contains(request.getMethod());
        if (read && !caller.viewer()) {
            request.abortWith(Problem.response(Response.Status.FORBIDDEN, "reading needs the viewer or admin role"));
            return;
        }
        if (!read && !caller.admin()) {
            request.abortWith(Problem.response(Response.Status.FORBIDDEN, "this action needs the admin role"));
            return;
        }
        if (!read && caller.cookieSession() && !csrf.matches(caller.sessionIdentity(), request.getHeaderString(CSRF_HEADER))) {
            request.abortWith(Problem.response(Response.Status.FORBIDDEN,
                    "header " + CSRF_HEADER + " is missing or wrong: send the csrfToken from GET /api/v1/me"));
        }
    }

    static boolean isAdminApi(String path) {
        String normalized = path.startsWith("/") ? path : "/" + path;
        return normalized.equals("/api/v1") || normalized.startsWith("/api/v1/");
    }

    private static Response withChallenge(Response response) {
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
