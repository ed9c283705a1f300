package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** An RFC 7644 §3.5.2 PatchOp request. */
public record PatchRequest(List<Operation> operations) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public PatchRequest {
        operations = List.copyOf(operations);
    }

    public enum Op { ADD, REMOVE, REPLACE }

    /** One operation; {@code path} is absent for whole-resource add/replace. */
    public record Operation(Op op, Optional<String> path, Optional<JsonNode> value) {
        public Operation {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
            if (op == Op.REMOVE && path.isEmpty()) {
                throw new IllegalArgumentException("remove needs a path (RFC 7644 §3.5.2.2)");
            }
            if (op != Op.REMOVE && value.isEmpty()) {
                throw new IllegalArgumentException(op + " needs a value");
            }
        }

        public static Operation replace(String path, JsonNode value) {
            return new Operation(Op.REPLACE, Optional.of(path), Optional.of(value));
        }

        public static Operation add(String path, JsonNode value) {
            return new Operation(Op.ADD, Optional.of(path), Optional.of(value));
        }

        public static Operation remove(String path) {
            return new Operation(Op.REMOVE, Optional.of(path), Optional.empty());
        }
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** The wire form. Op names are lower-case: RFC 7644 allows any case but some servers only accept this one. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putArray("schemas").add(SCHEMA);
        ArrayNode ops = root.putArray("Operations");
        for (Operation operation : operations) {
            ObjectNode op = ops.addObject().put("op", operation.op().name().toLowerCase(Locale.ROOT));
            operation.path().ifPresent(p -> op.put("path", p));
            operation.value().ifPresent(v -> op.set("value", v.deepCopy()));
        }
        return root;
    }
}
