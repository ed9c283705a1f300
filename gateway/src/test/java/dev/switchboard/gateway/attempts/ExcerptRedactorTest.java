package dev.switchboard.gateway.attempts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExcerptRedactorTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void personalAndSecretValues_areMasked_structureAndFlagsStay() throws Exception {
        String redacted = ExcerptRedactor.redact(json.readTree("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName": "alice", "active": false,
                 "name": {"givenName": "Alice", "familyName": "Liddell"},
                 "emails": [{"value": "alice@example.com", "primary": true}],
                 "password": "s3cret", "note": "write to bob@example.org"}
                """));

        assertThat(redacted).contains("\"active\":false").contains("urn:ietf:params:scim:schemas:core:2.0:User")
                .doesNotContain("alice").doesNotContain("Alice").doesNotContain("Liddell")
                .doesNotContain("s3cret").doesNotContain("bob@example.org");
    }

    @Test
    void errorText_withAnEmailAddress_hasItMasked() {
        assertThat(ExcerptRedactor.redactText("userName carol@example.com is already taken"))
                .isEqualTo("userName *** is already taken");
    }

    @Test
    void longBody_isCutToTheBound() throws Exception {
        String redacted = ExcerptRedactor.redact(json.readTree("{\"id\": \"" + "x".repeat(5000) + "\"}"));

        assertThat(redacted.length()).isLessThanOrEqualTo(ExcerptRedactor.MAX_LENGTH + 1);
    }
}
