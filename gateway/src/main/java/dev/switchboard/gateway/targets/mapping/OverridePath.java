package dev.switchboard.gateway.targets.mapping;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an override writes: {@code title}, {@code name.givenName}, or
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}. At most one
 * sub-attribute level, as in SCIM itself.
 */
public record OverridePath(Optional<String> schema, List<String> names) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** @throws IllegalArgumentException explaining what a valid path looks like */
    public static OverridePath parse(String path) {
        Optional<String> schema = Optional.empty();
        String rest = path;
        if (path.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = path.lastIndexOf(':');
            schema = Optional.of(path.substring(0, colon));
            rest = path.substring(colon + 1);
        }
        List<String> names = List.of(rest.split("\\.", -1));
        if (names.size() > 2 || names.stream().anyMatch(n -> !NAME.matcher(n).matches())) {
            throw new IllegalArgumentException("not a SCIM attribute path (expected attr, attr.sub or urn:...:attr)");
        }
        if (schema.isEmpty() && names.get(0).equals("schemas")) {
            throw new IllegalArgumentException("schemas is derived from the mapping and cannot be overridden");
        }
        return new OverridePath(schema, names);
    }

    boolean isEmails() {
        return schema.isEmpty() && names.size() == 1 && names.get(0).equals("emails");
    }
}
