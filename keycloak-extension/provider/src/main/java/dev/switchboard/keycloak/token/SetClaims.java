package dev.switchboard.keycloak.token;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.keycloak.outbox.EventType;
import dev.switchboard.keycloak.outbox.SubjectType;

/**
 * The payload of one SET, as in docs/event-contract.md section 1.
 *
 * @param snapshotJson the stored {@code data} object, embedded as-is
 */
public record SetClaims(
        String issuer,
        String audience,
        long issuedAt,
        String jti,
        Optional<String> txn,
        long seq,
        SubjectType subjectType,
        String subjectId,
        EventType eventType,
        String snapshotJson) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJsonBytes() {
        try {
            ObjectNode payload = JSON.createObjectNode();
            payload.put("iss", issuer);
            payload.put("aud", audience);
            payload.put("iat", issuedAt);
            payload.put("jti", jti);
            txn.ifPresent(value -> payload.put("txn", value));
            payload.put("seq", seq);
            ObjectNode subject = payload.putObject("sub_id");
            subject.put("format", "scim");
            subject.put("uri", subjectType.scimUri(subjectId));
            payload.putObject("events").putObject(eventType.uri()).set("data", JSON.readTree(snapshotJson));
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot of seq " + seq + " is not JSON", e);
        }
    }
}
