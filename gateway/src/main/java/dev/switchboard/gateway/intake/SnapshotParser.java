package dev.switchboard.gateway.intake;

import dev.switchboard.gateway.subject.GroupSnapshot;
import dev.switchboard.gateway.subject.Snapshot;
import dev.switchboard.gateway.subject.SubjectType;
import dev.switchboard.gateway.subject.Tombstone;
import dev.switchboard.gateway.subject.UserSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code data} of a SET (docs/event-contract.md §2) into a {@link Snapshot}. Strict about
 * what the contract requires (id, userName, active, realm), lenient about what it may omit (names,
 * emails, attributes), so a malformed snapshot is refused instead of deprovisioning someone.
 */
final class SnapshotParser {

    static final String USER_EXTENSION = "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:User";
    static final String GROUP_EXTENSION = "urn:switchboard:params:scim:schemas:extension:keycloak:1.0:Group";

    private SnapshotParser() {
    }

    static Snapshot parse(EventType eventType, SubjectType type, String subjectId, Map<String, Object> data) {
        String id = requiredString(data, "id", "data");
        if (!id.equals(subjectId)) {
            throw RefusalException.invalidRequest("data.id '%s' differs from sub_id id '%s'".formatted(id, subjectId));
        }
        if (eventType == EventType.DELETE) {
            return tombstone(type, id, data);
        }
        return switch (type) {
            case USER -> user(id, data);
            case GROUP -> group(id, data);
        };
    }

    private static UserSnapshot user(String id, Map<String, Object> data) {
        Map<String, Object> ext = requiredObject(data, USER_EXTENSION, "data");
        String extPath = "data." + USER_EXTENSION;
        Map<String, Object> name = optionalObject(data, "name", "data").orElse(Map.of());
        return new UserSnapshot(
                id,
                requiredString(ext, "realm", extPath),
                requiredString(data, "userName", "data"),
                primaryEmail(data),
                optionalBoolean(ext, "emailVerified", extPath).orElse(false),
                optionalString(name, "givenName", "data.name").orElse(null),
                optionalString(name, "familyName", "data.name").orElse(null),
                requiredBoolean(data, "active", "data"),
                attributes(ext, extPath),
                groups(ext, extPath),
                federatedIdentities(ext, extPath));
    }

    private static GroupSnapshot group(String id, Map<String, Object> data) {
        Map<String, Object> ext = requiredObject(data, GROUP_EXTENSION, "data");
        String extPath = "data." + GROUP_EXTENSION;
        return new GroupSnapshot(
                id,
                requiredString(ext, "realm", extPath),
                requiredString(data, "displayName", "data"),
                requiredString(ext, "path", extPath),
                optionalString(ext, "parentId", extPath).orElse(null));
    }

    /** For groups, {@code username} carries the last known displayName (the group's name). */
    private static Tombstone tombstone(SubjectType type, String id, Map<String, Object> data) {
        String extension = type == SubjectType.USER ? USER_EXTENSION : GROUP_EXTENSION;
        Map<String, Object> ext = requiredObject(data, extension, "data");
        String realm = requiredString(ext, "realm", "data." + extension);
        return switch (type) {
            case USER -> new Tombstone(type, id, realm, optionalString(data, "userName", "data").orElse(null),
                    primaryEmail(data));
            case GROUP -> new Tombstone(type, id, realm, optionalString(data, "displayName", "data").orElse(null),
                    null);
        };
    }

    private static String primaryEmail(Map<String, Object> data) {
        List<Map<String, Object>> emails = objectList(data, "emails", "data");
        return emails.stream()
                .filter(e -> Boolean.TRUE.equals(e.get("primary")))
                .findFirst()
                .or(() -> emails.stream().findFirst())
                .map(e -> requiredString(e, "value", "data.emails[]"))
                .orElse(null);
    }

    private static Map<String, List<String>> attributes(Map<String, Object> ext, String path) {
        Map<String, Object> raw = optionalObject(ext, "attributes", path).orElse(Map.of());
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                throw RefusalException.invalidRequest("%s.attributes.%s must be an array of strings".formatted(path, key));
            }
            attributes.put(key, list.stream().map(String.class::cast).toList());
        });
        return Map.copyOf(attributes);
    }

    private static List<UserSnapshot.GroupRef> groups(Map<String, Object> ext, String path) {
        return objectList(ext, "groups", path).stream()
                .map(g -> new UserSnapshot.GroupRef(
                        requiredString(g, "id", path + ".groups[]"),
                        requiredString(g, "name", path + ".groups[]"),
                        requiredString(g, "path", path + ".groups[]")))
                .toList();
    }

    private static List<UserSnapshot.FederatedIdentity> federatedIdentities(Map<String, Object> ext, String path) {
        return objectList(ext, "federatedIdentities", path).stream()
                .map(f -> new UserSnapshot.FederatedIdentity(
                        requiredString(f, "identityProvider", path + ".federatedIdentities[]"),
                        requiredString(f, "userId", path + ".federatedIdentities[]"),
                        optionalString(f, "userName", path + ".federatedIdentities[]").orElse(null)))
                .toList();
    }

    static String requiredString(Map<String, Object> map, String key, String path) {
        return optionalString(map, key, path).orElseThrow(
                () -> RefusalException.invalidRequest("%s.%s is missing".formatted(path, key)));
    }

    static Optional<String> optionalString(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw RefusalException.invalidRequest("%s.%s must be a string".formatted(path, key));
        }
        return Optional.of(s);
    }

    private static boolean requiredBoolean(Map<String, Object> map, String key, String path) {
        return optionalBoolean(map, key, path).orElseThrow(
                () -> RefusalException.invalidRequest("%s.%s is missing".formatted(path, key)));
    }

    private static Optional<Boolean> optionalBoolean(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean b)) {
            throw RefusalException.invalidRequest("%s.%s must be a boolean".formatted(path, key));
        }
        return Optional.of(b);
    }

    static Map<String, Object> requiredObject(Map<String, Object> map, String key, String path) {
        return optionalObject(map, key, path).orElseThrow(
                () -> RefusalException.invalidRequest("%s.%s is missing".formatted(path, key)));
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> optionalObject(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw RefusalException.invalidRequest("%s.%s must be an object".formatted(path, key));
        }
        return Optional.of((Map<String, Object>) object);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objectList(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw RefusalException.invalidRequest("%s.%s must be an array of objects".formatted(path, key));
        }
        List<Map<String, Object>> result = new ArrayList<>();
        list.forEach(item -> result.add((Map<String, Object>) item));
        return result;
    }
}
