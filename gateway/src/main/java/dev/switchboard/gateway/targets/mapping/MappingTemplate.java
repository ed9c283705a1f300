package dev.switchboard.gateway.targets.mapping;

import dev.switchboard.gateway.subject.UserSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A per-target value template: literal text with {@code ${placeholder}} parts, e.g.
 * {@code "${attributes.department}"} or {@code "${username}@corp.example"}. Placeholders:
 * {@code id}, {@code username}, {@code email}, {@code firstName}, {@code lastName}, {@code realm},
 * {@code attributes.<name>} (first value). When any placeholder has no value the whole template
 * has none, so the attribute is left out rather than sent half-filled.
 */
public final class MappingTemplate {

    private static final Set<String> FIELDS = Set.of("id", "username", "email", "firstName", "lastName", "realm");
    private static final String ATTRIBUTES = "attributes.";

    private sealed interface Part {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String name) implements Part {
    }

    private final List<Part> parts;

    private MappingTemplate(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException with a message fit for an operator (no position math needed) */
    public static MappingTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        while (pos < template.length()) {
            int open = template.indexOf("${", pos);
            if (open < 0) {
                parts.add(new Literal(template.substring(pos)));
                break;
            }
            if (open > pos) {
                parts.add(new Literal(template.substring(pos, open)));
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated placeholder at " + open);
            }
            String name = template.substring(open + 2, close).trim();
            boolean known = FIELDS.contains(name)
                    || (name.startsWith(ATTRIBUTES) && name.length() > ATTRIBUTES.length());
            if (!known) {
                throw new IllegalArgumentException("unknown placeholder '${" + name + "}' (use id, username, email, "
                        + "firstName, lastName, realm or attributes.<name>)");
            }
            parts.add(new Placeholder(name));
            pos = close + 1;
        }
        return new MappingTemplate(parts);
    }

    public Optional<String> render(UserSnapshot user) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else {
                Optional<String> value = resolve(((Placeholder) part).name(), user);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                out.append(value.get());
            }
        }
        return Optional.of(out.toString());
    }

    static Optional<String> resolve(String name, UserSnapshot user) {
        Optional<String> value = switch (name) {
            case "id" -> Optional.ofNullable(user.id());
            case "username" -> Optional.ofNullable(user.username());
            case "email" -> Optional.ofNullable(user.email());
            case "firstName" -> Optional.ofNullable(user.firstName());
            case "lastName" -> Optional.ofNullable(user.lastName());
            case "realm" -> Optional.ofNullable(user.realm());
            default -> firstAttribute(user, name.substring(ATTRIBUTES.length()));
        };
        return value.filter(v -> !v.isBlank());
    }

    static Optional<String> firstAttribute(UserSnapshot user, String attribute) {
        if (user.attributes() == null) {
            return Optional.empty();
        }
        List<String> values = user.attributes().get(attribute);
        return values == null ? Optional.empty() : values.stream().filter(v -> v != null && !v.isBlank()).findFirst();
    }
}
