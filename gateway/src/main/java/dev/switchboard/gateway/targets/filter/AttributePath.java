package dev.switchboard.gateway.targets.filter;

import java.util.List;
import java.util.Optional;

/**
 * {@code [schemaUrn:]attr[.subAttr]}. Names are kept as written; matching is case-insensitive
 * as RFC 7643 §2.1 requires for attribute names.
 */
public record AttributePath(Optional<String> schema, List<String> names) {

    public AttributePath {
        names = List.copyOf(names);
    }

    @Override
    public String toString() {
        String joined = String.join(".", names);
        return schema.map(s -> s + ":" + joined).orElse(joined);
    }
}
