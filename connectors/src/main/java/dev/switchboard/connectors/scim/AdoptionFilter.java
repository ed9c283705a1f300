package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.connectors.profile.VendorProfile;

import java.util.Optional;

/**
 * The filter that finds the account a 409 says already exists, so it can be adopted instead of
 * duplicated. Users match on the profile's {@link VendorProfile#userMatch()}; groups on {@code displayName}.
 */
public final class AdoptionFilter {

    private AdoptionFilter() {
    }

    /** Empty when {@code desired} lacks the matching attribute, in which case adoption is impossible. */
    public static Optional<Filter> of(VendorProfile profile, ResourceType type, ObjectNode desired) {
        if (type == ResourceType.GROUP) {
            return text(desired.path("displayName")).map(name -> Filter.eq("displayName", name));
        }
        Optional<String> value = switch (profile.userMatch()) {
            case USER_NAME -> text(desired.path("userName"));
            case EXTERNAL_ID -> text(desired.path("externalId"));
            case EMAIL -> email(desired.path("emails"));
        };
        return value.map(v -> Filter.eq(profile.userMatch().filterPath(), v));
    }

    /** The primary email, else the first one. */
    private static Optional<String> email(JsonNode emails) {
        for (JsonNode email : emails) {
            if (email.path("primary").asBoolean(false)) {
                return text(email.path("value"));
            }
        }
        return emails.isArray() && !emails.isEmpty() ? text(emails.get(0).path("value")) : Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
