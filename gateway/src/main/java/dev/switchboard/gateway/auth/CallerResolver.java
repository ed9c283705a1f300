package dev.switchboard.gateway.auth;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Optional;

/** Turns Quarkus' security identity into an {@link AdminCaller}, per the configured mode and role names. */
@ApplicationScoped
public class CallerResolver {

    static final String ANONYMOUS = "anonymous";

    private final AdminAuthConfig config;

    CallerResolver(AdminAuthConfig config) {
        this.config = config;
    }

    public AdminCaller resolve(SecurityIdentity identity) {
        if (config.auth() == AuthMode.NONE) {
            return new AdminCaller(ANONYMOUS, true, true, true, false, "");
        }
        if (identity == null || identity.isAnonymous()) {
            return new AdminCaller(ANONYMOUS, false, false, false, false, "");
        }
        boolean admin = identity.hasRole(config.adminRole());
        boolean viewer = admin || identity.hasRole(config.viewerRole());
        Principal principal = identity.getPrincipal();
        Optional<JsonWebToken> token = principal instanceof JsonWebToken jwt ? Optional.of(jwt) : Optional.empty();
        String user = token.flatMap(t -> claimText(t, "preferred_username"))
                .or(() -> token.map(JsonWebToken::getSubject))
                .orElse(principal.getName());
        // the code flow carries an ID token credential; a bearer access token does not
        boolean cookieSession = identity.getCredential(IdTokenCredential.class) != null;
        String session = cookieSession ? sessionIdentity(token, principal) : "";
        return new AdminCaller(user, true, viewer, admin, cookieSession, session);
    }

    /** A string claim's text; claims may come back as JSON-P values depending on the token's origin. */
    private static Optional<String> claimText(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
        return Optional.ofNullable(text).filter(s -> !s.isBlank());
    }

    /** Subject plus Keycloak's session id: stable across token refreshes, new at every sign-in. */
    private static String sessionIdentity(Optional<JsonWebToken> token, Principal principal) {
        String subject = token.map(JsonWebToken::getSubject).orElse(principal.getName());
        String sid = token.flatMap(t -> claimText(t, "sid")).orElse("");
        return subject + "|" + sid;
    }
}
