package dev.switchboard.gateway.targets.spec;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the gateway authenticates to the app. One flat record for all types keeps the YAML simple
 * ({@code type} picks which fields matter); the validator rejects fields that belong to another type.
 *
 * <p>Secret fields ({@code token}, {@code password}, {@code clientSecret}, {@code privateKey}) are
 * split off before storage ({@link #withoutSecrets()}), sealed separately, and shown to API clients
 * only as {@value #REDACTED}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthSpec(
        String type,
        String token,
        String username,
        String password,
        String tokenUrl,
        String clientId,
        String clientSecret,
        String privateKey,
        String keyId,
        String scope) {

    public static final String REDACTED = "***set***";

    /** Names of the secret fields, in a stable order. */
    public static final List<String> SECRET_FIELDS = List.of("token", "password", "clientSecret", "privateKey");

    public static AuthSpec none() {
        return new AuthSpec("none", null, null, null, null, null, null, null, null, null);
    }

    /** The secrets that are set, by field name. */
    public Map<String, String> secrets() {
        Map<String, String> out = new LinkedHashMap<>();
        SECRET_FIELDS.forEach(field -> secret(field).ifPresent(value -> out.put(field, value)));
        return out;
    }

    public Optional<String> secret(String field) {
        return Optional.ofNullable(switch (field) {
            case "token" -> token;
            case "password" -> password;
            case "clientSecret" -> clientSecret;
            case "privateKey" -> privateKey;
            default -> throw new IllegalArgumentException("not a secret field: " + field);
        });
    }

    public AuthSpec withoutSecrets() {
        return new AuthSpec(type, null, username, null, tokenUrl, clientId, null, null, keyId, scope);
    }

    /** Shows which secrets are set without showing them. */
    public AuthSpec redacted() {
        return new AuthSpec(type, mask(token), username, mask(password), tokenUrl, clientId, mask(clientSecret),
                mask(privateKey), keyId, scope);
    }

    public AuthSpec withSecrets(Map<String, String> secrets) {
        return new AuthSpec(type, secrets.get("token"), username, secrets.get("password"), tokenUrl, clientId,
                secrets.get("clientSecret"), secrets.get("privateKey"), keyId, scope);
    }

    private static String mask(String value) {
        return value == null ? null : REDACTED;
    }

    @Override
    public String toString() {
        return "AuthSpec[type=" + type + ", secrets=" + secrets().keySet() + "]";
    }
}
