package dev.switchboard.testkit.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.keycloak.KeycloakAdmin;

import java.net.URI;

/**
 * Two IdP realms in the same Keycloak, linked to the hub as identity providers: {@code idp-saml}
 * over SAML 2.0 (POST binding both ways, signed responses checked against the IdP realm's key) and
 * {@code idp-oidc} over OpenID Connect. Both sync mode FORCE, so every login restates the mapped
 * attributes, and both map a custom {@code department} attribute.
 */
public final class BrokeredIdentityProviders {

    public static final String SAML = "idp-saml";
    public static final String OIDC = "idp-oidc";
    public static final String PORTAL_CLIENT = "portal";
    /** Never contacted: the login is complete when the hub redirects here with a code. */
    public static final String PORTAL_REDIRECT = "http://127.0.0.1:9/portal/callback";
    private static final String OIDC_BROKER_SECRET = "hub-broker-secret";

    private final KeycloakAdmin admin;
    private final URI server;

    public BrokeredIdentityProviders(KeycloakAdmin admin, URI server) {
        this.admin = admin;
        this.server = server;
    }

    public void create() {
        createPortalClient();
        createSamlIdp();
        createOidcIdp();
    }

    /** The application users log in to at the hub. */
    private void createPortalClient() {
        admin.create("/admin/realms/hub/clients", admin.object("""
                {"clientId": "%s", "enabled": true, "publicClient": true, "standardFlowEnabled": true,
                 "redirectUris": ["%s"]}
                """.formatted(PORTAL_CLIENT, PORTAL_REDIRECT)));
    }

    private void createSamlIdp() {
        String hub = realmUrl("hub");
        String idp = realmUrl(SAML);
        createIdpRealm(SAML);
        String acs = hub + "/broker/" + SAML + "/endpoint";
        ObjectNode client = admin.object("""
                {"clientId": "%1$s", "protocol": "saml", "enabled": true, "frontchannelLogout": false,
                 "redirectUris": ["%2$s*"],
                 "attributes": {"saml.client.signature": "false", "saml.server.signature": "true",
                   "saml.assertion.signature": "false", "saml.encrypt": "false", "saml.authnstatement": "true",
                   "saml_force_name_id_format": "true", "saml_name_id_format": "username",
                   "saml_assertion_consumer_url_post": "%2$s"},
                 "protocolMappers": [
                   %3$s, %4$s, %5$s, %6$s
                 ]}
                """.formatted(hub, acs,
                samlMapper("email", "saml-user-property-mapper"),
                samlMapper("firstName", "saml-user-property-mapper"),
                samlMapper("lastName", "saml-user-property-mapper"),
                samlMapper("department", "saml-user-attribute-mapper")));
        admin.create("/admin/realms/%s/clients".formatted(SAML), client);

        admin.post("/admin/realms/hub/identity-provider/instances", admin.object("""
                {"alias": "%1$s", "displayName": "SAML IdP", "providerId": "saml", "enabled": true, "trustEmail": true,
                 "config": {"entityId": "%2$s", "idpEntityId": "%3$s",
                   "singleSignOnServiceUrl": "%3$s/protocol/saml",
                   "nameIDPolicyFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
                   "principalType": "SUBJECT", "postBindingAuthnRequest": "true", "postBindingResponse": "true",
                   "wantAuthnRequestsSigned": "false", "validateSignature": "true",
                   "signingCertificate": "%4$s", "syncMode": "FORCE"}}
                """.formatted(SAML, hub, idp, signingCertificate(SAML))));
        for (String attribute : new String[] {"email", "firstName", "lastName", "department"}) {
            admin.post("/admin/realms/hub/identity-provider/instances/%s/mappers".formatted(SAML), admin.object("""
                    {"name": "%2$s", "identityProviderAlias": "%1$s", "identityProviderMapper": "saml-user-attribute-idp-mapper",
                     "config": {"syncMode": "FORCE", "attribute.name": "%2$s", "user.attribute": "%2$s"}}
                    """.formatted(SAML, attribute)));
        }
    }

    private void createOidcIdp() {
        String hub = realmUrl("hub");
        String idp = realmUrl(OIDC);
        createIdpRealm(OIDC);
        admin.create("/admin/realms/%s/clients".formatted(OIDC), admin.object("""
                {"clientId": "hub-broker", "enabled": true, "publicClient": false, "secret": "%s",
                 "standardFlowEnabled": true, "redirectUris": ["%s/broker/%s/endpoint*"],
                 "protocolMappers": [
                   {"name": "department", "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
                    "config": {"user.attribute": "department", "claim.name": "department", "jsonType.label": "String",
                      "id.token.claim": "true", "access.token.claim": "true", "userinfo.token.claim": "true"}}
                 ]}
                """.formatted(OIDC_BROKER_SECRET, hub, OIDC)));

        admin.post("/admin/realms/hub/identity-provider/instances", admin.object("""
                {"alias": "%1$s", "displayName": "OIDC IdP", "providerId": "oidc", "enabled": true, "trustEmail": true,
                 "config": {"issuer": "%2$s",
                   "authorizationUrl": "%2$s/protocol/openid-connect/auth",
                   "tokenUrl": "%2$s/protocol/openid-connect/token",
                   "userInfoUrl": "%2$s/protocol/openid-connect/userinfo",
                   "jwksUrl": "%2$s/protocol/openid-connect/certs",
                   "useJwksUrl": "true", "validateSignature": "true",
                   "clientId": "hub-broker", "clientSecret": "%3$s", "clientAuthMethod": "client_secret_post",
                   "defaultScope": "openid profile email", "syncMode": "FORCE"}}
                """.formatted(OIDC, idp, OIDC_BROKER_SECRET)));
        admin.post("/admin/realms/hub/identity-provider/instances/%s/mappers".formatted(OIDC), admin.object("""
                {"name": "department", "identityProviderAlias": "%s", "identityProviderMapper": "oidc-user-attribute-idp-mapper",
                 "config": {"syncMode": "FORCE", "claim": "department", "user.attribute": "department"}}
                """.formatted(OIDC)));
    }

    /** A person at an IdP, with a password to log in with ({@link #password}); returns the IdP-side id. */
    public String createIdpUser(String idpRealm, String userName, String lastName, String department) {
        return createIdpUser(idpRealm, userName, "Given-" + userName, lastName, department);
    }

    /** As {@link #createIdpUser(String, String, String, String)}, with a first name of one's choosing. */
    public String createIdpUser(String idpRealm, String userName, String firstName, String lastName, String department) {
        return admin.create("/admin/realms/%s/users".formatted(idpRealm), admin.object("""
                {"username": "%1$s", "enabled": true, "email": "%1$s@%2$s.example", "emailVerified": true,
                 "firstName": "%6$s", "lastName": "%3$s", "attributes": {"department": ["%4$s"]},
                 "credentials": [{"type": "password", "value": "%5$s", "temporary": false}]}
                """.formatted(userName, idpRealm, lastName, department, password(userName), firstName)));
    }

    /** What an IdP administrator changes between two logins. */
    public void changeIdpUser(String idpRealm, String id, String lastName, String department) {
        String path = "/admin/realms/%s/users/%s".formatted(idpRealm, id);
        ObjectNode user = (ObjectNode) admin.get(path);
        user.put("lastName", lastName);
        user.putObject("attributes").putArray("department").add(department);
        admin.put(path, user);
    }

    public static String password(String userName) {
        return "pw-" + userName + "-42";
    }

    private void createIdpRealm(String name) {
        admin.importRealm(admin.object("""
                {"realm": "%s", "enabled": true, "sslRequired": "none"}
                """.formatted(name)));
        String path = "/admin/realms/%s/users/profile".formatted(name);
        ObjectNode profile = (ObjectNode) admin.get(path);
        profile.put("unmanagedAttributePolicy", "ENABLED");
        admin.put(path, profile);
    }

    private String signingCertificate(String realm) {
        for (JsonNode key : admin.get("/admin/realms/%s/keys".formatted(realm)).path("keys")) {
            if ("RS256".equals(key.path("algorithm").asText()) && key.hasNonNull("certificate")) {
                return key.path("certificate").asText();
            }
        }
        throw new IllegalStateException("realm " + realm + " has no RS256 certificate");
    }

    private static String samlMapper(String attribute, String type) {
        return """
                {"name": "%1$s", "protocol": "saml", "protocolMapper": "%2$s",
                 "config": {"user.attribute": "%1$s", "attribute.name": "%1$s", "attribute.nameformat": "Basic"}}
                """.formatted(attribute, type);
    }

    private String realmUrl(String realm) {
        return server + "/realms/" + realm;
    }
}
