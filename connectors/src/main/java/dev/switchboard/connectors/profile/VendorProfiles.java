package dev.switchboard.connectors.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Loads vendor profiles from {@code dev/switchboard/connectors/profiles/<name>.json} on the classpath.
 * Parsing is strict (unknown or missing fields fail) so that a typo in a profile breaks at startup, not
 * as a silent default in production.
 */
public final class VendorProfiles {

    /** Profiles shipped with the library. */
    public static final List<String> BUILT_IN = List.of("generic", "keycloak", "scimmy");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String LOCATION = "/dev/switchboard/connectors/profiles/%s.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final Map<String, VendorProfile> CACHE = new ConcurrentHashMap<>();

    private VendorProfiles() {
    }

    /**
     * The named profile.
     *
     * @throws IllegalArgumentException when no such profile exists or its file is invalid: a target
     *                                  configured with a wrong profile must not start
     */
    public static VendorProfile load(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid profile name: " + name);
        }
        return CACHE.computeIfAbsent(name, VendorProfiles::read);
    }

    private static VendorProfile read(String name) {
        try (InputStream in = VendorProfiles.class.getResourceAsStream(LOCATION.formatted(name))) {
            if (in == null) {
                throw new IllegalArgumentException("unknown vendor profile: " + name);
            }
            VendorProfile profile = MAPPER.readValue(in, VendorProfile.class);
            if (!profile.name().equals(name)) {
                throw new IllegalArgumentException("profile file %s.json declares name %s".formatted(name, profile.name()));
            }
            return profile;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("invalid vendor profile %s: %s".formatted(name, e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vendor profile " + name, e);
        }
    }
}
