package dev.switchboard.quickstart;

import dev.switchboard.testkit.keycloak.ScimAppRealm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The message printed once everything answers: where each part is, whom to log in as, what to try
 * and how to look at the result in each app through its own SCIM API.
 *
 * @param keycloak    Keycloak's base URL
 * @param gateway     the gateway's base URL
 * @param scimmy      SCIMMY's SCIM base URL
 * @param scimmyToken SCIMMY's bearer token
 * @param appA        the app-a realm and its client credentials
 * @param appB        the app-b realm and its client credentials
 * @param dataDir     where state and logs are
 * @param tryIt       numbered steps contributed by the realm setups
 */
record Banner(URI keycloak, URI gateway, URI scimmy, String scimmyToken, ScimAppRealm appA, ScimAppRealm appB,
              Path dataDir, List<String> tryIt) {

    /** The first line; scripts and the quickstart's own test wait for it. */
    static final String READY = "[quickstart] ready";

    String render(Duration startedIn) {
        StringBuilder text = new StringBuilder();
        text.append("%s in %s%n%n".formatted(READY, Progress.format(startedIn)));
        text.append("  Keycloak   %s   admin console %s/admin  (%s / %s)%n"
                .formatted(keycloak, keycloak, DemoStack.ADMIN_USER, DemoStack.ADMIN_PASSWORD));
        text.append("  Gateway    %s   ops console %s/console/ , API %s/api/openapi%n"
                .formatted(gateway, gateway, gateway));
        text.append("  SCIMMY     %s%n%n".formatted(scimmy));
        text.append("Demo users (they exist at their IdP; the hub learns of them at their first login):%n".formatted());
        text.append("  %-6s / %-13s SAML IdP (realm idp-saml), department Research%n"
                .formatted(DemoUsers.SAML_USER, DemoUsers.password(DemoUsers.SAML_USER)));
        text.append("  %-6s / %-13s OIDC IdP (realm idp-oidc), department Partners%n%n"
                .formatted(DemoUsers.OIDC_USER, DemoUsers.password(DemoUsers.OIDC_USER)));
        text.append("Try it:%n".formatted());
        tryIt.forEach(line -> text.append("  ").append(line).append(System.lineSeparator()));
        text.append("%nDownstream apps, each through its own SCIM API:%n".formatted());
        appendKeycloakApp(text, appA, "every hub user; deactivated when deleted in the hub");
        appendKeycloakApp(text, appB, "users from the OIDC IdP or in group /staff; deleted when out of scope");
        text.append("  scimmy  %s  users of department Research; deleted when out of scope%n".formatted(scimmy));
        text.append("          curl -s -H 'Authorization: Bearer %s' '%s/Users?filter=userName%%20eq%%20%%22alice%%22'%n"
                .formatted(scimmyToken, scimmy));
        text.append("%nStop with Ctrl-C: every process started here stops. State and logs: %s%n".formatted(dataDir));
        return text.toString();
    }

    private void appendKeycloakApp(StringBuilder text, ScimAppRealm app, String scope) {
        text.append("  %-6s  %s  %s%n".formatted(app.realm(), app.scimBaseUrl(), scope));
        text.append("          TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=%s %s | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')%n"
                .formatted(app.clientId(), app.clientSecret(), app.tokenUrl()));
        text.append("          curl -s -H \"Authorization: Bearer $TOKEN\" '%s/Users?filter=userName%%20eq%%20%%22alice%%22'%n"
                .formatted(app.scimBaseUrl()));
        text.append("          users in the admin console: %s/admin/master/console/#/%s/users%n"
                .formatted(keycloak, app.realm()));
    }
}
