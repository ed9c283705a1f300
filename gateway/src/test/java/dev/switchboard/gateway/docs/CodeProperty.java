package dev.switchboard.gateway.docs;

import java.util.Optional;

/**
 * One {@code switchboard.*} property as the code declares it. {@code name} writes a map key as
 * {@code <name>}, as the reference does.
 *
 * @param type         the reference's word for the Java type (duration, integer, ...)
 * @param defaultValue the {@code @WithDefault} text, exactly
 * @param optional     {@code Optional<...>}: may stay unset
 * @param declaredBy   where it was found, for failure messages
 */
record CodeProperty(String name, String type, Optional<String> defaultValue, boolean optional, String declaredBy) {

    /** What the reference's default column must say. */
    String documentedDefault() {
        return defaultValue.map(d -> "`" + d + "`").orElse(optional ? "unset" : "required");
    }
}
