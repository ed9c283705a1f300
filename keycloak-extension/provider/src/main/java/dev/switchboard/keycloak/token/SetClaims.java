package dev.switchboard.keycloak.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.switchboard.keycloak.outbox.EventType;
import dev.switchboard.keycloak.outbox.SubjectType;

/**
 * The payload of one SET, as in docs/event-contract.md section 1.
 *
 * @param snapshotJson the stored {@code data} object, embedded as-is (it is valid JSON: the extension
 *                     wrote it)
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

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The payload bytes. The snapshot is written as a raw value: it was serialized by the extension
     * when the change was captured, so parsing and re-serializing it for every SET would only cost.
     */
    public byte[] toJsonBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(snapshotJson.length() + 512);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("iss", issuer);
            json.writeStringField("aud", audience);
            json.writeNumberField("iat", issuedAt);
            json.writeStringField("jti", jti);
            if (txn.isPresent()) {
                json.writeStringField("txn", txn.get());
            }
            json.writeNumberField("seq", seq);
            json.writeObjectFieldStart("sub_id");
            json.writeStringField("format", "scim");
            json.writeStringField("uri", subjectType.scimUri(subjectId));
            json.writeEndObject();
            json.writeObjectFieldStart("events");
            json.writeObjectFieldStart(eventType.uri());
            json.writeFieldName("data");
            json.writeRawValue(snapshotJson);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the claims of seq " + seq, e);
        }
        return bytes.toByteArray();
    }
}
