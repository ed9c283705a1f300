package dev.switchboard.gateway.targets.spec;

import java.security.GeneralSecurityException;
import java.util.Optional;
import dev.switchboard.gateway.targets.filter.FilterParser;
import dev.switchboard.gateway.targets.filter.FilterSyntaxException;
import dev.switchboard.gateway.targets.mapping.MappingTemplate;
import dev.switchboard.gateway.targets.mapping.OverridePath;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a spec completely (every problem, not just the first, each named by its path) and returns
 * it normalized with defaults filled in. The same rules apply to the file and to the API, so a spec
 * that loads from one loads from the other.
 */
public final class TargetSpecValidator {

    public static final Set<String> PROFILES = Set.of("generic", "keycloak", "scimmy");
    public static final Set<String> AUTH_TYPES = Set.of("none", "bearer", "basic", "oauth2-client-secret", "oauth2-private-key-jwt");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    static final double DEFAULT_PER_SECOND = 10;
    static final int DEFAULT_BURST = 20;
    static final int DEFAULT_CONCURRENCY = 4;
    static final String DEFAULT_CONNECT_TIMEOUT = "5s";
    static final String DEFAULT_REQUEST_TIMEOUT = "30s";
    static final int MAX_CONCURRENCY = 64;

    private TargetSpecValidator() {
    }

    public static ValidationResult validate(TargetSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.id() == null || !ID.matcher(spec.id()).matches()) {
            errors.add(new FieldError("id", "must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit"));
        }
        String displayName = blank(spec.displayName()) ? spec.id() : spec.displayName().trim();
        if (blank(spec.baseUrl())) {
            errors.add(new FieldError("baseUrl", "is required"));
        } else {
            httpUrl(spec.baseUrl()).ifPresent(msg -> errors.add(new FieldError("baseUrl", msg)));
        }
        String profile = blank(spec.profile()) ? "generic" : spec.profile().trim();
        if (!PROFILES.contains(profile)) {
            errors.add(new FieldError("profile", "must be one of " + sorted(PROFILES)));
        }
        AuthSpec auth = spec.auth() == null ? AuthSpec.none() : spec.auth();
        validateAuth(auth, errors);
        ScopeSpec scope = validateScope(spec.scope(), errors);
        Map<String, String> mapping = spec.mapping() == null ? Map.of() : spec.mapping();
        mapping.forEach((path, template) -> {
            try {
                OverridePath.parse(path);
                if (template != null) {
                    MappingTemplate.parse(template);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("mapping." + path, e.getMessage()));
            }
        });
        String deprovision = blank(spec.deprovision()) ? "deactivate" : spec.deprovision().trim().toLowerCase(Locale.ROOT);
        if (!deprovision.equals("deactivate") && !deprovision.equals("delete")) {
            errors.add(new FieldError("deprovision", "must be deactivate or delete"));
        }
        boolean provisionGroups = Boolean.TRUE.equals(spec.provisionGroups());
        RateLimitSpec rate = spec.rateLimit() == null ? new RateLimitSpec(null, null) : spec.rateLimit();
        double perSecond = rate.perSecond() == null ? DEFAULT_PER_SECOND : rate.perSecond();
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            errors.add(new FieldError("rateLimit.perSecond", "must be a positive number"));
        }
        int burst = rate.burst() == null ? Math.max(DEFAULT_BURST, (int) Math.ceil(perSecond)) : rate.burst();
        if (burst < 1) {
            errors.add(new FieldError("rateLimit.burst", "must be at least 1"));
        }
        int concurrency = spec.concurrency() == null ? DEFAULT_CONCURRENCY : spec.concurrency();
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            errors.add(new FieldError("concurrency", "must be between 1 and " + MAX_CONCURRENCY));
        }
        TimeoutsSpec timeouts = spec.timeouts() == null ? new TimeoutsSpec(null, null) : spec.timeouts();
        String connect = duration("timeouts.connect", timeouts.connect(), DEFAULT_CONNECT_TIMEOUT, errors);
        String request = duration("timeouts.request", timeouts.request(), DEFAULT_REQUEST_TIMEOUT, errors);
        if (!errors.isEmpty()) {
            return new ValidationResult.Invalid(errors);
        }
        return new ValidationResult.Valid(new TargetSpec(spec.id(), displayName, spec.baseUrl().trim(), profile, auth,
                scope, new LinkedHashMap<>(mapping), deprovision, provisionGroups, new RateLimitSpec(perSecond, burst),
                concurrency, new TimeoutsSpec(connect, request)));
    }

    private static void validateAuth(AuthSpec auth, List<FieldError> errors) {
        String type = auth.type();
        if (blank(type) || !AUTH_TYPES.contains(type)) {
            errors.add(new FieldError("auth.type", "must be one of " + sorted(AUTH_TYPES)));
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", auth.token());
        fields.put("username", auth.username());
        fields.put("password", auth.password());
        fields.put("tokenUrl", auth.tokenUrl());
        fields.put("clientId", auth.clientId());
        fields.put("clientSecret", auth.clientSecret());
        fields.put("privateKey", auth.privateKey());
        fields.put("keyId", auth.keyId());
        fields.put("scope", auth.scope());
        List<String> required = switch (type) {
            case "bearer" -> List.of("token");
            case "basic" -> List.of("username", "password");
            case "oauth2-client-secret" -> List.of("tokenUrl", "clientId", "clientSecret");
            case "oauth2-private-key-jwt" -> List.of("tokenUrl", "clientId", "privateKey");
            default -> List.of();
        };
        List<String> optional = switch (type) {
            case "oauth2-client-secret" -> List.of("scope");
            case "oauth2-private-key-jwt" -> List.of("keyId", "scope");
            default -> List.of();
        };
        fields.forEach((name, value) -> {
            if (required.contains(name) && blank(value)) {
                errors.add(new FieldError("auth." + name, "is required for type " + type));
            } else if (!required.contains(name) && !optional.contains(name) && value != null) {
                errors.add(new FieldError("auth." + name, "is not used by type " + type));
            }
        });
        if (required.contains("tokenUrl") && !blank(auth.tokenUrl())) {
            httpUrl(auth.tokenUrl()).ifPresent(msg -> errors.add(new FieldError("auth.tokenUrl", msg)));
        }
        if (type.equals("oauth2-private-key-jwt") && !blank(auth.privateKey()) && !isPkcs8PrivateKey(auth.privateKey())) {
            errors.add(new FieldError("auth.privateKey", "must be a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----) RSA or EC key"));
        }
    }

    private static ScopeSpec validateScope(ScopeSpec scope, List<FieldError> errors) {
        if (scope == null) {
            return ScopeSpec.everything();
        }
        List<String> realms = names("scope.realms", scope.realms(), errors);
        List<String> idps = names("scope.identityProviders", scope.identityProviders(), errors);
        List<String> groups = names("scope.groups", scope.groups(), errors);
        String filter = blank(scope.filter()) ? null : scope.filter().trim();
        if (filter != null) {
            try {
                FilterParser.parse(filter);
            } catch (FilterSyntaxException e) {
                errors.add(new FieldError("scope.filter", e.getMessage()));
            }
        }
        return new ScopeSpec(realms, idps, groups, filter);
    }

    private static List<String> names(String field, List<String> values, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (blank(v)) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be blank"));
            } else {
                out.add(v.trim());
            }
        }
        return out;
    }

    private static String duration(String field, String value, String fallback, List<FieldError> errors) {
        String text = blank(value) ? fallback : value.trim();
        try {
            Duration d = DurationText.parse(text);
            if (d.isNegative() || d.isZero()) {
                errors.add(new FieldError(field, "must be positive"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
        }
        return text;
    }

    private static Optional<String> httpUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // falls through to the same message: the operator needs the rule, not the parser's words
        }
        return Optional.of("must be an absolute http(s) URL");
    }

    private static boolean isPkcs8PrivateKey(String pem) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            return false;
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return true;
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
