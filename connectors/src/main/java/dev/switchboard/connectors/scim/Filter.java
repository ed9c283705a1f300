package dev.switchboard.connectors.scim;

import java.util.Objects;

/**
 * A SCIM filter expression (RFC 7644 §3.4.2.2) built so that values are always escaped.
 * Only the forms Switchboard needs for account matching are offered.
 */
public record Filter(String expression) {

    public Filter {
        Objects.requireNonNull(expression, "expression");
    }

    /** Matches every resource: the request carries no {@code filter} parameter (plain listing with paging). */
    public static Filter all() {
        return new Filter("");
    }

    /** True for {@link #all()}. */
    public boolean matchesAll() {
        return expression.isBlank();
    }

    public static Filter eq(String attributePath, String value) {
        return new Filter(attributePath + " eq " + quote(value));
    }

    /** Quotes a value as a JSON string, the form RFC 7644 requires for string comparisons. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
