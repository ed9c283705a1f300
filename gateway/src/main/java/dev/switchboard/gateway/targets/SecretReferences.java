package dev.switchboard.gateway.targets;

import dev.switchboard.gateway.targets.spec.AuthSpec;
import dev.switchboard.gateway.targets.spec.FieldError;
import dev.switchboard.gateway.targets.spec.TargetSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets the targets file say {@code token: ${env:APP_A_TOKEN}} instead of holding the secret, so the
 * file can live in Git. Only whole secret values are references; the name is looked up through the
 * application's configuration (environment variables, system properties, config sources).
 */
final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_.]*)}");

    private final Function<String, Optional<String>> lookup;

    SecretReferences(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** The spec with references replaced by their values; unresolved ones are added to {@code errors}. */
    TargetSpec resolve(TargetSpec spec, String fieldPrefix, List<FieldError> errors) {
        if (spec.auth() == null) {
            return spec;
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        spec.auth().secrets().forEach((field, value) -> {
            Matcher m = REFERENCE.matcher(value.trim());
            if (!m.matches()) {
                resolved.put(field, value);
                return;
            }
            Optional<String> found = lookup.apply(m.group(1)).filter(v -> !v.isBlank());
            if (found.isPresent()) {
                resolved.put(field, found.get());
            } else {
                errors.add(new FieldError(fieldPrefix + "auth." + field, "refers to ${env:" + m.group(1) + "}, which is not set"));
            }
        });
        AuthSpec auth = spec.auth().withSecrets(resolved);
        return spec.withAuth(auth);
    }
}
