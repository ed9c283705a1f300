package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** An RFC 7644 §3.5.2 PatchOp request. */
public record PatchRequest(List<Operation> operations) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public enum Op { ADD, REMOVE, REPLACE }

    /** One operation; {@code path} is absent for whole-resource add/replace. */
    public record Operation(Op op, Optional<String> path, Optional<JsonNode> value) {
    }
}
