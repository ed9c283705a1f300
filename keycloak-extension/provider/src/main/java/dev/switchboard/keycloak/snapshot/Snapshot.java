package dev.switchboard.keycloak.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.switchboard.keycloak.outbox.SubjectType;

/**
 * The {@code data} of one SET (docs/event-contract.md section 2), already serialized. Serialization
 * sorts map keys, and the snapshotters sort lists, so equal subjects give equal JSON and equal
 * {@link #hash()}: that is what lets an unchanged subject emit nothing.
 */
public record Snapshot(SubjectType type, String id, String json, String hash) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public static Snapshot of(SubjectType type, String id, Map<String, Object> data) {
        try {
            String json = JSON.writeValueAsString(data);
            return new Snapshot(type, id, json, sha256(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot of plain maps and lists must serialize", e);
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
