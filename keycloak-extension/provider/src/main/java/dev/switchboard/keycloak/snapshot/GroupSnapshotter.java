package dev.switchboard.keycloak.snapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.switchboard.keycloak.outbox.SubjectType;

/**
 * Builds the group snapshot and tombstone. Groups carry no members: membership travels in each
 * member's user snapshot, so a large group never makes one huge event.
 */
public final class GroupSnapshotter {

    private GroupSnapshotter() {
    }

    public static Snapshot snapshot(RealmModel realm, GroupModel group) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("schemas", List.of(Schemas.CORE_GROUP, Schemas.KEYCLOAK_GROUP));
        data.put("id", group.getId());
        data.put("displayName", group.getName());
        data.put(Schemas.KEYCLOAK_GROUP, extension(realm, group));
        return Snapshot.of(SubjectType.GROUP, group.getId(), data);
    }

    public static Snapshot tombstone(RealmModel realm, GroupModel group) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", group.getId());
        data.put("displayName", group.getName());
        data.put(Schemas.KEYCLOAK_GROUP, extension(realm, group));
        return Snapshot.of(SubjectType.GROUP, group.getId(), data);
    }

    private static Map<String, Object> extension(RealmModel realm, GroupModel group) {
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("realm", realm.getName());
        extension.put("path", KeycloakModelUtils.buildGroupPath(group));
        if (group.getParentId() != null) {
            extension.put("parentId", group.getParentId());
        }
        return extension;
    }
}
