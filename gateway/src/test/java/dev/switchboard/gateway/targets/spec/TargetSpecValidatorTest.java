package dev.switchboard.gateway.targets.spec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetSpecValidatorTest {

    private static TargetSpec read(String json) {
        return ((TargetSpecCodec.Read.Ok<TargetSpec>) TargetSpecCodec.readJson(json)).value();
    }

    @Test
    void minimalSpec_isValidWithDefaultsFilled() {
        ValidationResult result = TargetSpecValidator.validate(read("""
                { "id": "app-a", "baseUrl": "https://app.example.com/scim/v2" }
                """));

        assertThat(result).isInstanceOf(ValidationResult.Valid.class);
        TargetSpec spec = ((ValidationResult.Valid) result).spec();
        assertThat(spec.displayName()).isEqualTo("app-a");
        assertThat(spec.profile()).isEqualTo("generic");
        assertThat(spec.auth().type()).isEqualTo("none");
        assertThat(spec.deprovision()).isEqualTo("deactivate");
        assertThat(spec.provisionGroups()).isFalse();
        assertThat(spec.rateLimit()).isEqualTo(new RateLimitSpec(10.0, 20));
        assertThat(spec.concurrency()).isEqualTo(4);
        assertThat(spec.timeouts()).isEqualTo(new TimeoutsSpec("5s", "30s"));
    }

    @Test
    void everyBadField_isReportedByPath() {
        ValidationResult result = TargetSpecValidator.validate(read("""
                {
                  "id": "App A",
                  "baseUrl": "ftp://app.example.com",
                  "profile": "okta",
                  "auth": { "type": "oauth2-client-secret", "tokenUrl": "/token", "clientId": "c", "password": "p" },
                  "scope": { "filter": "department eqq \\"x\\"", "groups": [" "] },
                  "mapping": { "title": "${nope}", "bad path!": "x" },
                  "deprovision": "archive",
                  "rateLimit": { "perSecond": 0, "burst": 0 },
                  "concurrency": 0,
                  "timeouts": { "connect": "soon" }
                }
                """));

        assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
        assertThat(((ValidationResult.Invalid) result).errors()).extracting(FieldError::toString).containsExactlyInAnyOrder(
                "id: must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit",
                "baseUrl: must be an absolute http(s) URL",
                "profile: must be one of generic, keycloak, scimmy",
                "auth.password: is not used by type oauth2-client-secret",
                "auth.clientSecret: is required for type oauth2-client-secret",
                "auth.tokenUrl: must be an absolute http(s) URL",
                "scope.groups[0]: must not be blank",
                "scope.filter: unexpected token 'eqq' at 11",
                "mapping.title: unknown placeholder '${nope}' (use id, username, email, firstName, lastName, realm or attributes.<name>)",
                "mapping.bad path!: not a SCIM attribute path (expected attr, attr.sub or urn:...:attr)",
                "deprovision: must be deactivate or delete",
                "rateLimit.perSecond: must be a positive number",
                "rateLimit.burst: must be at least 1",
                "concurrency: must be between 1 and 64",
                "timeouts.connect: must be a duration like 500ms, 5s, 2m or PT5S");
    }

    @Test
    void privateKeyJwtWithGarbageKey_isRejected() {
        ValidationResult result = TargetSpecValidator.validate(read("""
                { "id": "a", "baseUrl": "http://127.0.0.1/scim",
                  "auth": { "type": "oauth2-private-key-jwt", "tokenUrl": "http://127.0.0.1/token", "clientId": "c",
                            "privateKey": "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----" } }
                """));

        assertThat(((ValidationResult.Invalid) result).errors()).extracting(FieldError::field).containsExactly("auth.privateKey");
    }

    @Test
    void unknownField_isUnreadableNamingIt() {
        TargetSpecCodec.Read<TargetSpec> read = TargetSpecCodec.readJson("""
                { "id": "a", "baseUrl": "http://x/scim", "scope": { "realm": ["hub"] } }
                """);

        assertThat(read).isEqualTo(new TargetSpecCodec.Read.Unreadable<TargetSpec>(
                java.util.List.of(new FieldError("scope.realm", "unknown field"))));
    }

    @Test
    void wrongType_isUnreadableNamingTheField() {
        TargetSpecCodec.Read<TargetSpec> read = TargetSpecCodec.readJson("""
                { "id": "a", "concurrency": "many" }
                """);

        assertThat(read).isEqualTo(new TargetSpecCodec.Read.Unreadable<TargetSpec>(
                java.util.List.of(new FieldError("concurrency", "has the wrong type or format"))));
    }
}
