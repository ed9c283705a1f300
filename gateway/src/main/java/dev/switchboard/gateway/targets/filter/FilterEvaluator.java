package dev.switchboard.gateway.targets.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a {@link FilterExpression} against a JSON resource, following RFC 7644 §3.4.2.2:
 * attribute names match case-insensitively; a multi-valued attribute matches when any value does;
 * a complex multi-valued attribute compared without a sub-attribute compares its {@code value};
 * strings compare case-insensitively unless the attribute is case-exact ({@code id},
 * {@code externalId}). Comparisons between unlike types are false, never an error, so a scope
 * filter cannot break delivery for one odd user.
 */
public final class FilterEvaluator {

    private static final Set<String> CASE_EXACT = Set.of("id", "externalid");

    private FilterEvaluator() {
    }

    public static boolean matches(FilterExpression filter, JsonNode resource) {
        // Java 17: no pattern switch yet, so an instanceof chain over the sealed tree
        if (filter instanceof FilterExpression.And and) {
            return matches(and.left(), resource) && matches(and.right(), resource);
        }
        if (filter instanceof FilterExpression.Or or) {
            return matches(or.left(), resource) || matches(or.right(), resource);
        }
        if (filter instanceof FilterExpression.Not not) {
            return !matches(not.inner(), resource);
        }
        if (filter instanceof FilterExpression.Present present) {
            return values(resource, present.path()).stream().anyMatch(FilterEvaluator::isPresent);
        }
        if (filter instanceof FilterExpression.Compare compare) {
            return compareAny(resource, compare);
        }
        FilterExpression.ValuePath valuePath = (FilterExpression.ValuePath) filter;
        return values(resource, valuePath.path()).stream().anyMatch(element -> matches(valuePath.inner(), element));
    }

    private static boolean compareAny(JsonNode resource, FilterExpression.Compare compare) {
        List<JsonNode> values = values(resource, compare.path());
        boolean caseExact = CASE_EXACT.contains(last(compare.path()).toLowerCase(Locale.ROOT));
        if (compare.operator() == FilterExpression.Operator.NE) {
            // "ne" is true when no value equals (including when the attribute is absent)
            return values.stream().noneMatch(v -> compareOne(v, FilterExpression.Operator.EQ, compare.value(), caseExact));
        }
        if (compare.value().isNull() && compare.operator() == FilterExpression.Operator.EQ) {
            return values.stream().noneMatch(FilterEvaluator::isPresent);
        }
        return values.stream().anyMatch(v -> compareOne(v, compare.operator(), compare.value(), caseExact));
    }

    private static boolean compareOne(JsonNode actual, FilterExpression.Operator op, JsonNode expected, boolean caseExact) {
        if (actual.isObject()) {
            actual = actual.path("value");
        }
        if (actual.isTextual() && expected.isTextual()) {
            String a = caseExact ? actual.asText() : actual.asText().toLowerCase(Locale.ROOT);
            String e = caseExact ? expected.asText() : expected.asText().toLowerCase(Locale.ROOT);
            return switch (op) {
                case EQ -> a.equals(e);
                case NE -> !a.equals(e);
                case CO -> a.contains(e);
                case SW -> a.startsWith(e);
                case EW -> a.endsWith(e);
                case GT -> a.compareTo(e) > 0;
                case GE -> a.compareTo(e) >= 0;
                case LT -> a.compareTo(e) < 0;
                case LE -> a.compareTo(e) <= 0;
            };
        }
        if (actual.isNumber() && expected.isNumber()) {
            int cmp = actual.decimalValue().compareTo(expected.decimalValue());
            return switch (op) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case CO, SW, EW -> false;
            };
        }
        if (actual.isBoolean() && expected.isBoolean()) {
            return switch (op) {
                case EQ -> actual.booleanValue() == expected.booleanValue();
                case NE -> actual.booleanValue() != expected.booleanValue();
                default -> false;
            };
        }
        return false;
    }

    private static boolean isPresent(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isTextual()) {
            return !node.asText().isEmpty();
        }
        if (node.isContainerNode()) {
            return !node.isEmpty();
        }
        return true;
    }

    /** Every leaf value the path reaches, flattening arrays along the way. */
    private static List<JsonNode> values(JsonNode resource, AttributePath path) {
        List<JsonNode> current = List.of(path.schema().map(schema -> field(resource, schema)).orElse(resource));
        for (String name : path.names()) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                for (JsonNode element : flatten(node)) {
                    JsonNode child = field(element, name);
                    if (!child.isMissingNode() && !child.isNull()) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        List<JsonNode> leaves = new ArrayList<>();
        current.forEach(node -> leaves.addAll(flatten(node)));
        return leaves;
    }

    private static List<JsonNode> flatten(JsonNode node) {
        if (!node.isArray()) {
            return List.of(node);
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    private static JsonNode field(JsonNode node, String name) {
        if (!(node instanceof ObjectNode object)) {
            return MissingNode.getInstance();
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    private static String last(AttributePath path) {
        return path.names().get(path.names().size() - 1);
    }
}
