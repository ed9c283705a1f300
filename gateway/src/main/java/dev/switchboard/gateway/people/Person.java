package dev.switchboard.gateway.people;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A user as the console lists them, read from the stored snapshot.
 *
 * @param idps   aliases of the identity providers the user is linked to
 * @param active enabled at the source and not deleted
 */
public record Person(String sourceId, String subjectId, String userName, String email, String displayName,
                     List<String> idps, boolean active) {

    /** From a {@code subject_state} row; a deleted user's tombstone keeps only username and email. */
    static Person of(String sourceId, String subjectId, boolean deleted, JsonNode snapshot) {
        String userName = text(snapshot, "username");
        String email = text(snapshot, "email");
        if (deleted) {
            return new Person(sourceId, subjectId, userName, email, userName, List.of(), false);
        }
        String displayName = String.join(" ", nonBlank(text(snapshot, "firstName"), text(snapshot, "lastName")));
        List<String> idps = new ArrayList<>();
        snapshot.path("federatedIdentities").forEach(link -> {
            String alias = text(link, "identityProvider");
            if (alias != null) {
                idps.add(alias);
            }
        });
        return new Person(sourceId, subjectId, userName, email, displayName.isBlank() ? userName : displayName,
                List.copyOf(idps), snapshot.path("enabled").asBoolean(false));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> nonBlank(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part);
            }
        }
        return kept;
    }
}
