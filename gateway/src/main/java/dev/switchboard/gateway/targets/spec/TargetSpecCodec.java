package dev.switchboard.gateway.targets.spec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;

/**
 * Reads specs from JSON (API) and YAML (file) strictly: an unknown field is an error, because a
 * misspelt {@code provisionGroup} silently ignored is a target that does the wrong thing. Read
 * failures come back as {@link FieldError}s with the same paths the validator uses.
 */
public final class TargetSpecCodec {

    /** The targets file: {@code targets:} followed by a list of specs. */
    public record TargetsFile(List<TargetSpec> targets) {
    }

    /** Outcome of reading text into a value. */
    public sealed interface Read<T> {
        record Ok<T>(T value) implements Read<T> {
        }

        record Unreadable<T>(List<FieldError> errors) implements Read<T> {
        }
    }

    private static final ObjectMapper JSON = strict(new ObjectMapper());
    private static final ObjectMapper YAML = strict(new YAMLMapper());

    private TargetSpecCodec() {
    }

    public static Read<TargetSpec> readJson(String text) {
        return read(JSON, text, TargetSpec.class);
    }

    public static Read<TargetsFile> readYamlFile(String text) {
        return read(YAML, text, TargetsFile.class);
    }

    /** Canonical JSON for storage and comparison (sorted keys, no nulls except mapping drops). */
    public static String toJson(TargetSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a TargetSpec record always serializes", e);
        }
    }

    /** Reads back what {@link #toJson} wrote; the stored text was validated before it was written. */
    public static TargetSpec fromStoredJson(String json) {
        try {
            return JSON.readValue(json, TargetSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored target spec is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }

    private static <T> Read<T> read(ObjectMapper mapper, String text, Class<T> type) {
        if (text == null || text.isBlank()) {
            return new Read.Unreadable<>(List.of(new FieldError("body", "is empty")));
        }
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                return new Read.Unreadable<>(List.of(new FieldError("body", "is empty")));
            }
            return new Read.Ok<>(value);
        } catch (JsonParseException e) {
            return new Read.Unreadable<>(List.of(new FieldError("body", "is not well-formed at line %d column %d"
                    .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr()))));
        } catch (UnrecognizedPropertyException e) {
            return new Read.Unreadable<>(List.of(new FieldError(path(e), "unknown field")));
        } catch (JsonMappingException e) {
            return new Read.Unreadable<>(List.of(new FieldError(path(e), "has the wrong type or format")));
        } catch (JsonProcessingException e) {
            return new Read.Unreadable<>(List.of(new FieldError("body", "cannot be read")));
        }
    }

    /** {@code auth.tokenUrl}, {@code scope.realms[0]}, {@code targets[2].id}. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }
}
