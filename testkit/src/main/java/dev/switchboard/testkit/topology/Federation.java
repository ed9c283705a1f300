package dev.switchboard.testkit.topology;

import dev.switchboard.testkit.keycloak.KeycloakAdmin;
import dev.switchboard.testkit.keycloak.ScimAppRealm;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole federation in one Keycloak, as the end-to-end tests and the quickstart run it: the hub
 * (listener on, poller client, group {@code /staff}), the SAML and OIDC IdPs brokered into it, two
 * app realms with Keycloak's SCIM API, and SCIMMY; plus the gateway settings that connect them.
 *
 * <p>The three targets have different scopes so that "not there" means as much as "there":
 * <ul>
 *   <li>{@code app-a}: every hub user; deactivates on delete; groups too.</li>
 *   <li>{@code app-b}: users from {@code idp-oidc} or in {@code /staff}; deletes.</li>
 *   <li>{@code scimmy}: users whose {@code department} is {@code Research}; deletes; groups too.</li>
 * </ul>
 */
public final class Federation {

    public static final String APP_A = "app-a";
    public static final String APP_B = "app-b";
    public static final String SCIMMY = "scimmy";
    public static final String STAFF_GROUP = "staff";
    /** The {@code kc.sh} option for the hub's listener: a long poll short enough for a quick hand-over. */
    public static final String LISTENER_OPTION = "--spi-events-listener--switchboard--long-poll-max-wait-seconds=5";

    private final KeycloakAdmin admin;
    private final HubRealm hub;
    private final BrokeredIdentityProviders idps;
    private final ScimAppRealm appA;
    private final ScimAppRealm appB;
    private final URI scimmyBaseUrl;
    private final String scimmyToken;

    private Federation(KeycloakAdmin admin, HubRealm hub, BrokeredIdentityProviders idps, ScimAppRealm appA, ScimAppRealm appB,
                       URI scimmyBaseUrl, String scimmyToken) {
        this.admin = admin;
        this.hub = hub;
        this.idps = idps;
        this.appA = appA;
        this.appB = appB;
        this.scimmyBaseUrl = scimmyBaseUrl;
        this.scimmyToken = scimmyToken;
    }

    /**
     * Creates every realm on the Keycloak {@code admin} talks to; SCIMMY runs already (its URL and
     * token go into the targets).
     */
    public static Federation create(KeycloakAdmin admin, URI scimmyBaseUrl, String scimmyToken) {
        HubRealm hub = HubRealm.create(admin);
        hub.createGroup(STAFF_GROUP);
        BrokeredIdentityProviders idps = new BrokeredIdentityProviders(admin, admin.server());
        idps.create();
        ScimAppRealm appA = ScimAppRealm.create(admin, APP_A, ScimAppRealm.UserProfile.USERNAME_ONLY);
        ScimAppRealm appB = ScimAppRealm.create(admin, APP_B, ScimAppRealm.UserProfile.USERNAME_ONLY);
        return new Federation(admin, hub, idps, appA, appB, scimmyBaseUrl, scimmyToken);
    }

    public HubRealm hub() {
        return hub;
    }

    public BrokeredIdentityProviders idps() {
        return idps;
    }

    public ScimAppRealm appA() {
        return appA;
    }

    public ScimAppRealm appB() {
        return appB;
    }

    /** {@code {server}/realms/hub}. */
    public URI hubRealmUrl() {
        return URI.create(admin.server() + "/realms/" + HubRealm.NAME);
    }

    /** The app {@code appId} ({@link #APP_A}, {@link #APP_B} or {@link #SCIMMY}) read through its own SCIM API. */
    public ScimDirectory directory(String appId) {
        return switch (appId) {
            case APP_A -> new ScimDirectory(APP_A, appA.scimBaseUrl(), appA::accessToken);
            case APP_B -> new ScimDirectory(APP_B, appB.scimBaseUrl(), appB::accessToken);
            case SCIMMY -> new ScimDirectory(SCIMMY, scimmyBaseUrl, () -> scimmyToken);
            default -> throw new IllegalArgumentException("no app " + appId + " in the federation");
        };
    }

    /** The gateway's targets file (YAML) for the three apps. */
    public String targetsYaml() {
        return """
                targets:
                  - id: %s
                    displayName: App A (every hub user)
                    baseUrl: %s
                    profile: keycloak
                    auth: { type: oauth2-client-secret, tokenUrl: %s, clientId: %s, clientSecret: "%s" }
                    scope: { realms: [hub] }
                    deprovision: deactivate
                    provisionGroups: true
                    rateLimit: { perSecond: 100 }
                  - id: %s
                    displayName: App B (OIDC partners and staff)
                    baseUrl: %s
                    profile: keycloak
                    auth: { type: oauth2-client-secret, tokenUrl: %s, clientId: %s, clientSecret: "%s" }
                    scope: { realms: [hub], filter: 'identityProviders eq "idp-oidc" or groups eq "/staff"' }
                    deprovision: delete
                    rateLimit: { perSecond: 100 }
                  - id: %s
                    displayName: SCIMMY (research department)
                    baseUrl: %s
                    profile: scimmy
                    auth: { type: bearer, token: "%s" }
                    scope: { filter: 'attributes.department eq "Research"' }
                    deprovision: delete
                    provisionGroups: true
                    rateLimit: { perSecond: 100 }
                """.formatted(
                APP_A, appA.scimBaseUrl(), appA.tokenUrl(), appA.clientId(), appA.clientSecret(),
                APP_B, appB.scimBaseUrl(), appB.tokenUrl(), appB.clientId(), appB.clientSecret(),
                SCIMMY, scimmyBaseUrl, scimmyToken);
    }

    /**
     * Gateway settings for polling the hub and reading {@code targetsFile}, with waits short enough
     * that a change shows downstream within seconds; database and HTTP settings are the caller's.
     */
    public Map<String, String> gatewayConfig(Path targetsFile) {
        Map<String, String> config = new LinkedHashMap<>();
        String realm = hubRealmUrl().toString();
        config.put("switchboard.sources.hub.issuer", realm);
        config.put("switchboard.sources.hub.poll-url", realm + "/switchboard/poll");
        config.put("switchboard.sources.hub.token-url", realm + "/protocol/openid-connect/token");
        config.put("switchboard.sources.hub.client-id", HubRealm.GATEWAY_CLIENT_ID);
        config.put("switchboard.sources.hub.client-secret", HubRealm.GATEWAY_CLIENT_SECRET);
        config.put("switchboard.sources.hub.long-poll-wait", "15s");
        config.put("switchboard.intake.poll.lease-duration", "30s");
        config.put("switchboard.intake.poll.max-backoff", "3s");
        config.put("switchboard.targets.file", targetsFile.toAbsolutePath().toString());
        config.put("switchboard.delivery.retry.initial-backoff", "200ms");
        config.put("switchboard.delivery.retry.max-backoff", "3s");
        return config;
    }
}
