package dev.switchboard.gateway.targets.mapping;

import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.AttributeMapping;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Default SCIM mapping plus one target's overrides.
 *
 * <p>Defaults: {@code userName}, {@code externalId} = Keycloak id, {@code name.givenName/familyName/
 * formatted}, {@code displayName}, {@code emails} (one, type work, primary), {@code active} =
 * enabled; enterprise extension {@code department}, {@code employeeNumber}, {@code organization},
 * {@code costCenter}, {@code division} from same-named Keycloak attributes when present.
 *
 * <p>Override paths: {@code attr}, {@code attr.sub}, or {@code <schema urn>:attr[.sub]}. The path
 * {@code emails} sets the primary work email's value. Output keys are sorted at every level so equal
 * states serialize to equal bytes.
 */
public final class ScimUserMapping implements AttributeMapping {

    static final List<String> ENTERPRISE_ATTRIBUTES = List.of("costCenter", "department", "division", "employeeNumber", "organization");

    private record Rule(OverridePath path, MappingOverride override) {
    }

    private final List<Rule> rules;

    /** @throws IllegalArgumentException when a path is not a SCIM attribute path */
    public ScimUserMapping(Map<String, MappingOverride> overrides) {
        // sorted, so the same overrides always apply in the same order
        this.rules = new TreeMap<>(overrides).entrySet().stream()
                .map(e -> new Rule(OverridePath.parse(e.getKey()), e.getValue()))
                .toList();
    }

    public static ScimUserMapping defaults() {
        return new ScimUserMapping(Map.of());
    }

    @Override
    public ObjectNode user(UserSnapshot user) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        put(out, "externalId", user.id());
        put(out, "userName", user.username());
        ObjectNode name = out.objectNode();
        put(name, "givenName", user.firstName());
        put(name, "familyName", user.lastName());
        String formatted = formatted(user);
        put(name, "formatted", formatted);
        if (!name.isEmpty()) {
            out.set("name", name);
        }
        put(out, "displayName", formatted.isEmpty() ? user.username() : formatted);
        if (user.email() != null && !user.email().isBlank()) {
            out.set("emails", workEmail(user.email()));
        }
        out.put("active", user.enabled());
        ObjectNode enterprise = out.objectNode();
        for (String attribute : ENTERPRISE_ATTRIBUTES) {
            MappingTemplate.firstAttribute(user, attribute).ifPresent(v -> enterprise.put(attribute, v));
        }
        if (!enterprise.isEmpty()) {
            out.set(ScimSchemas.ENTERPRISE_USER, enterprise);
        }
        rules.forEach(rule -> apply(out, rule.path(), rule.override(), user));
        setSchemas(out, ScimSchemas.USER);
        return canonical(out);
    }

    @Override
    public ObjectNode group(GroupSnapshot group) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        put(out, "displayName", group.name());
        put(out, "externalId", group.id());
        setSchemas(out, ScimSchemas.GROUP);
        return canonical(out);
    }

    private static void apply(ObjectNode out, OverridePath path, MappingOverride override, UserSnapshot user) {
        ObjectNode parent = out;
        if (path.schema().isPresent()) {
            parent = child(out, path.schema().get());
        }
        List<String> names = path.names();
        for (int i = 0; i < names.size() - 1; i++) {
            parent = child(parent, names.get(i));
        }
        String leaf = names.get(names.size() - 1);
        Optional<String> value = override instanceof MappingOverride.Template template
                ? template.template().render(user)
                : Optional.empty();
        if (value.isEmpty()) {
            parent.remove(leaf);
        } else if (path.isEmails()) {
            parent.set(leaf, workEmail(value.get()));
        } else {
            parent.put(leaf, value.get());
        }
        pruneEmpty(out);
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }

    private static void pruneEmpty(ObjectNode node) {
        List<String> empty = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue() instanceof ObjectNode child) {
                pruneEmpty(child);
                if (child.isEmpty()) {
                    empty.add(e.getKey());
                }
            }
        });
        node.remove(empty);
    }

    /** Lists the core schema plus every extension present as a top-level {@code urn:} key. */
    private static void setSchemas(ObjectNode out, String coreSchema) {
        ArrayNode schemas = out.arrayNode().add(coreSchema);
        List<String> extensions = new ArrayList<>();
        out.fieldNames().forEachRemaining(n -> {
            if (n.startsWith("urn:")) {
                extensions.add(n);
            }
        });
        extensions.stream().sorted().forEach(schemas::add);
        out.set("schemas", schemas);
    }

    private static ArrayNode workEmail(String email) {
        ArrayNode emails = JsonNodeFactory.instance.arrayNode();
        emails.addObject().put("primary", true).put("type", "work").put("value", email);
        return emails;
    }

    private static String formatted(UserSnapshot user) {
        String first = user.firstName() == null ? "" : user.firstName().trim();
        String last = user.lastName() == null ? "" : user.lastName().trim();
        return (first + " " + last).trim();
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    /** A copy with object keys sorted at every level; array order is kept (it carries meaning). */
    static ObjectNode canonical(ObjectNode node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            out.set(name, canonicalValue(node.get(name)));
        }
        return out;
    }

    private static JsonNode canonicalValue(JsonNode value) {
        if (value instanceof ObjectNode object) {
            return canonical(object);
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                out.add(canonicalValue(it.next()));
            }
            return out;
        }
        return value;
    }
}
