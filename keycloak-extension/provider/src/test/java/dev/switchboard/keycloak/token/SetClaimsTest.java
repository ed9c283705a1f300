package dev.switchboard.keycloak.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.keycloak.outbox.EventType;
import dev.switchboard.keycloak.outbox.SubjectType;

class SetClaimsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SNAPSHOT = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u-1","userName":"zoë \\"z\\"",\
            "emails":[{"primary":true,"value":"z@example.com"}],"active":true}""";

    @Test
    void payload_carriesEveryClaimOfTheContract_andTheSnapshotUnchangedAsData() throws Exception {
        SetClaims claims = new SetClaims("https://kc/realms/hub", "switchboard", 1_700_000_000L, "jti-1",
                Optional.of("admin-event-7"), 42, SubjectType.USER, "u-1", EventType.CREATE, SNAPSHOT);

        JsonNode payload = JSON.readTree(claims.toJsonBytes());

        assertThat(payload.get("iss").asText()).isEqualTo("https://kc/realms/hub");
        assertThat(payload.get("aud").asText()).isEqualTo("switchboard");
        assertThat(payload.get("iat").asLong()).isEqualTo(1_700_000_000L);
        assertThat(payload.get("jti").asText()).isEqualTo("jti-1");
        assertThat(payload.get("txn").asText()).isEqualTo("admin-event-7");
        assertThat(payload.get("seq").asLong()).isEqualTo(42);
        assertThat(payload.get("sub_id").get("format").asText()).isEqualTo("scim");
        assertThat(payload.get("sub_id").get("uri").asText()).isEqualTo(SubjectType.USER.scimUri("u-1"));
        assertThat(payload.get("events").size()).isEqualTo(1);
        assertThat(payload.get("events").get(EventType.CREATE.uri()).get("data")).isEqualTo(JSON.readTree(SNAPSHOT));
    }

    @Test
    void providerEventWithoutTxn_hasNoTxnClaim() throws Exception {
        SetClaims claims = new SetClaims("iss", "aud", 1, "jti-2", Optional.empty(), 1, SubjectType.GROUP, "g-1",
                EventType.DELETE, "{\"id\":\"g-1\"}");

        JsonNode payload = JSON.readTree(claims.toJsonBytes());

        assertThat(payload.has("txn")).isFalse();
        assertThat(payload.get("events").get(EventType.DELETE.uri()).get("data").get("id").asText()).isEqualTo("g-1");
    }
}
