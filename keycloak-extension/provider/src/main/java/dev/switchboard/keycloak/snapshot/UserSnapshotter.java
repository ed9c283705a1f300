package dev.switchboard.keycloak.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.switchboard.keycloak.outbox.SubjectType;

/** Builds the user snapshot and the user tombstone of docs/event-contract.md section 2. */
public final class UserSnapshotter {

    /** Attributes Keycloak exposes as attributes but which the snapshot carries as first-class fields. */
    private static final Set<String> PROMOTED = Set.of(
            UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME, UserModel.LAST_NAME,
            UserModel.EMAIL_VERIFIED, UserModel.ENABLED, UserModel.CREATED_TIMESTAMP);

    private UserSnapshotter() {
    }

    public static Snapshot snapshot(KeycloakSession session, RealmModel realm, UserModel user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("schemas", List.of(Schemas.CORE_USER, Schemas.KEYCLOAK_USER));
        data.put("id", user.getId());
        data.put("userName", user.getUsername());
        Map<String, Object> name = new LinkedHashMap<>();
        putIfSet(name, "givenName", user.getFirstName());
        putIfSet(name, "familyName", user.getLastName());
        data.put("name", name);
        data.put("emails", user.getEmail() == null || user.getEmail().isBlank()
                ? List.of()
                : List.of(Map.of("value", user.getEmail(), "primary", true)));
        data.put("active", user.isEnabled());

        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("realm", realm.getName());
        extension.put("emailVerified", user.isEmailVerified());
        extension.put("attributes", attributes(user));
        extension.put("groups", LocalUserRelations.groups(session, realm, user)
                .map(UserSnapshotter::groupRef)
                .sorted(Comparator.comparing(g -> (String) g.get("path")))
                .toList());
        extension.put("federatedIdentities", LocalUserRelations.federatedIdentities(session, realm, user)
                .sorted(Comparator.comparing(FederatedIdentityModel::getIdentityProvider))
                .map(UserSnapshotter::federatedIdentity)
                .toList());
        data.put(Schemas.KEYCLOAK_USER, extension);
        return Snapshot.of(SubjectType.USER, user.getId(), data);
    }

    /** The last known identifiers, enough for a receiver to find the account it must remove. */
    public static Snapshot tombstone(RealmModel realm, UserModel user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", user.getId());
        data.put("userName", user.getUsername());
        data.put("emails", user.getEmail() == null || user.getEmail().isBlank()
                ? List.of()
                : List.of(Map.of("value", user.getEmail())));
        data.put(Schemas.KEYCLOAK_USER, Map.of("realm", realm.getName()));
        return Snapshot.of(SubjectType.USER, user.getId(), data);
    }

    private static Map<String, List<String>> attributes(UserModel user) {
        Map<String, List<String>> attributes = new TreeMap<>();
        user.getAttributes().forEach((key, values) -> {
            if (!PROMOTED.contains(key) && values != null && !values.isEmpty()) {
                attributes.put(key, new ArrayList<>(values));
            }
        });
        return attributes;
    }

    private static Map<String, Object> groupRef(GroupModel group) {
        return Map.of("id", group.getId(), "name", group.getName(),
                "path", KeycloakModelUtils.buildGroupPath(group));
    }

    private static Map<String, Object> federatedIdentity(FederatedIdentityModel link) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("identityProvider", link.getIdentityProvider());
        putIfSet(identity, "userId", link.getUserId());
        putIfSet(identity, "userName", link.getUserName());
        return identity;
    }

    private static void putIfSet(Map<String, Object> target, String key, String value) {
        if (value != null && !value.isBlank()) {
            target.put(key, value);
        }
    }
}
