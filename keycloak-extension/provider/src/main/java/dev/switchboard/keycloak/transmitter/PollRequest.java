package dev.switchboard.keycloak.transmitter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An RFC 8936 poll request.
 *
 * @param ack               jtis the receiver has stored
 * @param setErrs           jtis the receiver refused, with its error code and description
 * @param maxEvents         how many SETs the receiver wants; empty when it left the choice to us
 * @param returnImmediately false to long-poll
 */
record PollRequest(List<String> ack, Map<String, SetError> setErrs, OptionalInt maxEvents,
                   boolean returnImmediately) {

    private static final ObjectMapper JSON = new ObjectMapper();

    record SetError(String err, String description) {
    }

    /** Parses and validates a body; an empty body is a plain poll with defaults (RFC 8936 §2.4). */
    static PollRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new PollRequest(List.of(), Map.of(), OptionalInt.empty(), false);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidPollRequest("body is not JSON");
        }
        if (!root.isObject()) {
            throw new InvalidPollRequest("body must be a JSON object");
        }
        return new PollRequest(acks(root.get("ack")), setErrs(root.get("setErrs")),
                maxEvents(root.get("maxEvents")), returnImmediately(root.get("returnImmediately")));
    }

    private static List<String> acks(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidPollRequest("ack must be an array of strings");
        }
        List<String> jtis = new ArrayList<>();
        for (JsonNode jti : node) {
            if (!jti.isTextual()) {
                throw new InvalidPollRequest("ack must be an array of strings");
            }
            jtis.add(jti.asText());
        }
        return List.copyOf(jtis);
    }

    private static Map<String, SetError> setErrs(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidPollRequest("setErrs must be an object keyed by jti");
        }
        Map<String, SetError> errors = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            JsonNode error = entry.getValue();
            if (!error.isObject() || !error.path("err").isTextual()) {
                throw new InvalidPollRequest("setErrs." + entry.getKey() + " must have a string err");
            }
            errors.put(entry.getKey(), new SetError(error.get("err").asText(), error.path("description").asText("")));
        });
        return Map.copyOf(errors);
    }

    private static OptionalInt maxEvents(JsonNode node) {
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > Integer.MAX_VALUE) {
            throw new InvalidPollRequest("maxEvents must be a non-negative integer");
        }
        return OptionalInt.of(node.asInt());
    }

    private static boolean returnImmediately(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidPollRequest("returnImmediately must be a boolean");
        }
        return node.asBoolean();
    }

    /** How many SETs to hand out: what the receiver asked for, capped by the transmitter's limit. */
    int effectiveMax(int cap) {
        return Math.min(maxEvents.orElse(cap), cap);
    }
}
