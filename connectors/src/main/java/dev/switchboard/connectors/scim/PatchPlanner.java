package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.profile.VendorProfile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the RFC 7644 PatchOp that turns {@code current} into {@code desired}.
 *
 * <ul>
 *   <li>Simple and multi-valued attributes that changed are {@code replace}d whole: replacing a
 *       multi-valued attribute such as {@code emails} is the one form every provider applies the same way,
 *       and it is idempotent if the request is retried.</li>
 *   <li>Complex attributes ({@code name}) are diffed per sub-attribute, because a {@code replace} of a
 *       complex value leaves unspecified sub-attributes untouched (RFC 7644 §3.5.2.3), so a dropped
 *       {@code name.middleName} needs its own {@code remove}.</li>
 *   <li>Extension schemas are diffed per attribute with the full URN path
 *       ({@code urn:...:enterprise:2.0:User:department}).</li>
 *   <li>Attributes absent, null or empty in {@code desired} are removed.</li>
 *   <li>{@code id}, {@code meta}, {@code schemas}, {@code groups} (read-only) and {@code members} (sent
 *       through {@link #memberChanges}) are never part of the diff.</li>
 * </ul>
 * Attribute names match case-insensitively, as RFC 7643 §2.1 says they do.
 */
public final class PatchPlanner {

    private static final Set<String> NOT_DIFFED = Set.of("id", "meta", "schemas", "groups", "members");

    /**
     * @param userNameCaseInsensitive a userName differing only in case is no change
     * @param externalIdStored        when false, externalId is left out (the provider never shows it back)
     * @param foldSimpleReplaces      fold top-level replacements into one path-less replace
     */
    public record Options(boolean userNameCaseInsensitive, boolean externalIdStored, boolean foldSimpleReplaces) {
        public static Options from(VendorProfile profile) {
            return new Options(profile.userNameCaseInsensitive(), profile.externalIdStored(),
                    profile.patchWithoutPathAccepted());
        }

        public static Options strict() {
            return new Options(false, true, false);
        }
    }

    /** Members to add and remove, by id, in the order they appear. */
    public record MemberChanges(List<String> added, List<String> removed) {
        public MemberChanges {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    private final Options options;

    public PatchPlanner(Options options) {
        this.options = options;
    }

    public PatchRequest plan(ObjectNode current, ObjectNode desired) {
        List<PatchRequest.Operation> operations = new ArrayList<>();
        diff("", current, desired, Level.RESOURCE, operations);
        return new PatchRequest(options.foldSimpleReplaces() ? fold(operations) : operations);
    }

    /** Membership difference between two group representations ({@code members[].value}). */
    public static MemberChanges memberChanges(ObjectNode current, ObjectNode desired) {
        Set<String> have = memberIds(current);
        Set<String> want = memberIds(desired);
        return new MemberChanges(
                want.stream().filter(id -> !have.contains(id)).toList(),
                have.stream().filter(id -> !want.contains(id)).toList());
    }

    private static Set<String> memberIds(ObjectNode group) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode member : field(group, "members")) {
            JsonNode value = member.path("value");
            if (value.isTextual()) {
                ids.add(value.asText());
            }
        }
        return ids;
    }

    /** Where a diff runs: sub-attributes of a complex attribute are leaves (SCIM nests no deeper). */
    private enum Level { RESOURCE, EXTENSION, COMPLEX }

    private void diff(String prefix, JsonNode current, JsonNode desired, Level level,
                      List<PatchRequest.Operation> out) {
        boolean topLevel = level == Level.RESOURCE;
        Map<String, String> names = new LinkedHashMap<>();
        desired.fieldNames().forEachRemaining(n -> names.putIfAbsent(n.toLowerCase(Locale.ROOT), n));
        current.fieldNames().forEachRemaining(n -> names.putIfAbsent(n.toLowerCase(Locale.ROOT), n));
        for (Map.Entry<String, String> name : names.entrySet()) {
            String key = name.getKey();
            if (topLevel && (NOT_DIFFED.contains(key) || key.equals("externalid") && !options.externalIdStored())) {
                continue;
            }
            JsonNode have = present(field(current, key));
            JsonNode want = present(field(desired, key));
            String path = prefix + name.getValue();
            boolean extension = topLevel && key.startsWith("urn:");
            if (extension) {
                diff(path + ":", orEmpty(have), orEmpty(want), Level.EXTENSION, out);
            } else if (want.isMissingNode() && have.isMissingNode()) {
                continue;
            } else if (want.isMissingNode()) {
                out.add(PatchRequest.Operation.remove(path));
            } else if (have.isMissingNode()) {
                out.add(PatchRequest.Operation.replace(path, want.deepCopy()));
            } else if (want.isObject() && have.isObject() && level != Level.COMPLEX) {
                diff(path + ".", have, want, Level.COMPLEX, out);
            } else if (!same(have, want, topLevel && key.equals("username") && options.userNameCaseInsensitive())) {
                out.add(PatchRequest.Operation.replace(path, want.deepCopy()));
            }
        }
    }

    private static List<PatchRequest.Operation> fold(List<PatchRequest.Operation> operations) {
        ObjectNode folded = JsonNodeFactory.instance.objectNode();
        List<PatchRequest.Operation> rest = new ArrayList<>();
        for (PatchRequest.Operation op : operations) {
            String path = op.path().orElse("");
            if (op.op() == PatchRequest.Op.REPLACE && !path.contains(".") && !path.contains(":")) {
                folded.set(path, op.value().orElseThrow());
            } else {
                rest.add(op);
            }
        }
        if (folded.isEmpty()) {
            return rest;
        }
        List<PatchRequest.Operation> result = new ArrayList<>();
        result.add(new PatchRequest.Operation(PatchRequest.Op.REPLACE, Optional.empty(),
                Optional.of(folded)));
        result.addAll(rest);
        return result;
    }

    /** The field named {@code wanted} in any letter case, or a missing node. */
    private static JsonNode field(JsonNode node, String wanted) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equalsIgnoreCase(wanted)) {
                return node.get(name);
            }
        }
        return MissingNode.getInstance();
    }

    /** Null, empty arrays, empty strings and empty objects count as absent: SCIM treats them alike. */
    private static JsonNode present(JsonNode node) {
        boolean absent = node.isMissingNode() || node.isNull()
                || (node.isContainerNode() && node.isEmpty())
                || (node.isTextual() && node.asText().isEmpty());
        return absent ? MissingNode.getInstance() : node;
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }

    /**
     * Deep equality where numbers compare by value ({@code 1} = {@code 1.0}), multi-valued attributes
     * compare as multisets (providers reorder them) and object keys ignore case.
     */
    static boolean same(JsonNode a, JsonNode b, boolean ignoreCase) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isTextual() && b.isTextual()) {
            return ignoreCase ? a.asText().equalsIgnoreCase(b.asText()) : a.asText().equals(b.asText());
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            List<JsonNode> unmatched = new ArrayList<>();
            b.forEach(unmatched::add);
            for (JsonNode item : a) {
                int match = -1;
                for (int i = 0; i < unmatched.size() && match < 0; i++) {
                    if (same(item, unmatched.get(i), false)) {
                        match = i;
                    }
                }
                if (match < 0) {
                    return false;
                }
                unmatched.remove(match);
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(k -> keys.add(k.toLowerCase(Locale.ROOT)));
            b.fieldNames().forEachRemaining(k -> keys.add(k.toLowerCase(Locale.ROOT)));
            for (String key : keys) {
                JsonNode x = present(field(a, key));
                JsonNode y = present(field(b, key));
                if (x.isMissingNode() != y.isMissingNode()
                        || !x.isMissingNode() && !same(x, y, false)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
