package dev.switchboard.gateway.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;

/**
 * SHA-256 of a resource in canonical form (object keys sorted, recursively), so two bodies that
 * differ only in key order hash alike and an unchanged subject is recognised as a no-op.
 */
public final class DesiredStateHash {

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private DesiredStateHash() {
    }

    public static String of(JsonNode resource) {
        try {
            byte[] bytes = CANONICAL.writeValueAsBytes(canonical(resource));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("resource cannot be serialised for hashing", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                sorted.put(name, canonical(object.get(name)));
            }
            ObjectNode out = CANONICAL.createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = CANONICAL.createArrayNode();
            array.forEach(element -> out.add(canonical(element)));
            return out;
        }
        return node;
    }
}
